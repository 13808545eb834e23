"""The public site's demo content for the fictional Ekby kommun.

The facts follow /work/shared/domain.md (§1–2, §4.8): what each assignment is, for whom, how
much time it takes, the register checks, and how the compensation is taxed. Amounts are not
given here: they come from the rate tables, which are data per year. Everything written goes
through the services, so the demo also fills the audit log as real editing would.
"""

from __future__ import annotations

from typing import Any

from brygga.accounts.models import Organisation, Unit
from brygga.catalogue.models import AssignmentType, TargetGroup

from . import services
from .constants import AgeBand, CarerGender

CONTACT_UNIT = "Kontaktverksamheten"
CHILD_UNIT = "Barn och unga"
ADULT_UNIT = "Vuxenenheten"
LSS_UNIT = "LSS-enheten"

# Shared paragraphs ----------------------------------------------------------------------------

REGISTERS_GENERAL = (
    "Med ditt medgivande kontrollerar vi Polisens belastningsregister och misstankeregister, "
    "socialtjänstens register i Ekby kommun och i kommuner där du har bott tidigare, och "
    "Kronofogdens register.\n\n"
    "En anteckning i ett register betyder inte automatiskt nej. Vi gör alltid en samlad "
    "bedömning och pratar med dig om det vi hittar."
)
REGISTERS_CHILDREN = (
    REGISTERS_GENERAL + "\n\n"
    "För uppdrag med barn ber vi dig dessutom att visa ett utdrag ur belastningsregistret för "
    "arbete med barn, som du beställer själv hos Polisen. Utdraget får vara högst ett år "
    "gammalt. Vi sparar inte utdraget, bara en anteckning om att du har visat det."
)
REGISTERS_LSS_CHILDREN = (
    REGISTERS_GENERAL + "\n\n"
    "Gäller uppdraget ett barn enligt LSS måste du enligt lag (2010:479) visa ett utdrag ur "
    "Polisens belastningsregister innan du får uppdraget. Utdraget får inte vara äldre än ett "
    "år. Du beställer det själv när du har blivit erbjuden ett uppdrag. Vi sparar inte "
    "utdraget, bara en anteckning om att du har visat det."
)
REGISTERS_FAMILY = (
    "Med ert medgivande kontrollerar vi alla vuxna i hushållet i Polisens belastningsregister "
    "och misstankeregister, socialtjänstens register i Ekby kommun och tidigare "
    "hemkommuner, och Kronofogdens register. Ibland kontrollerar vi också uppgifter hos "
    "Försäkringskassan, till exempel om långa sjukskrivningar.\n\n"
    "Ni visar också ett utdrag ur belastningsregistret för arbete med barn. Utdraget får vara "
    "högst ett år gammalt, och vi antecknar bara att ni har visat det."
)
TAX = (
    "Arvodet är skattepliktig inkomst. Vi drar preliminärskatt och betalar "
    "arbetsgivaravgifter, precis som på en lön. Omkostnadsersättningen ska täcka dina "
    "kostnader och är inte lön: inom nivåerna som Sveriges Kommuner och Regioner (SKR) "
    "rekommenderar drar vi ingen skatt på den. Du tar upp den i deklarationen och kan göra "
    "avdrag med motsvarande belopp för den del som överstiger 5 000 kronor per år."
)
PAY_MONTHLY = (
    "Du får ett arvode varje månad och en omkostnadsersättning för till exempel fika, "
    "bussbiljetter och entréavgifter. Beloppen följer SKR:s rekommendationer och beror på "
    "hur ofta ni ses och hur krävande uppdraget är. Vi kommer överens om nivån innan "
    "uppdraget börjar och skriver in den i ditt uppdragsavtal.\n\n" + TAX
)
PAY_PER_DAY = (
    "Ni får ett arvode för varje dygn barnet är hos er och en omkostnadsersättning per dygn "
    "för mat, aktiviteter och andra kostnader. Omkostnadsersättningen beror på barnets ålder "
    "och följer SKR:s rekommendationer. En helg från fredag till söndag räknas som två och "
    "ett halvt dygn, och arvodet är dubbelt på lördagar, söndagar och helgdagar.\n\n" + TAX
)
PAY_HOURLY = (
    "Du får betalt per timme för den tid du arbetar. Kostnader för aktiviteter ersätts enligt "
    "kommunens regler. Vi kommer överens om ersättningen innan uppdraget börjar och skriver "
    "in den i ditt avtal.\n\nErsättningen är skattepliktig inkomst: vi drar preliminärskatt "
    "och betalar arbetsgivaravgifter."
)

# Assignment type pages --------------------------------------------------------------------------

PAGES: list[dict[str, Any]] = [
    {
        "type": "kontaktperson",
        "group": "barn-och-unga",
        "unit": CHILD_UNIT,
        "slug": "kontaktperson-barn-och-unga",
        "title": "Kontaktperson för barn och unga",
        "intro": "Som kontaktperson blir du en trygg vuxen och en förebild för ett barn eller en ung person som behöver någon utanför familjen att prata med och hitta på saker med.",
        "body": "En kontaktperson är ett stöd enligt socialtjänstlagen för barn och unga som behöver en vuxen förebild eller någon att prata med. Det kan vara ett barn som saknar kontakt med en förälder, som har få vuxna omkring sig eller som behöver hjälp att hitta en fritidsaktivitet.\n\nNi träffas och gör vardagliga saker tillsammans: fikar, promenerar, går på bio, tränar eller lagar mat. Det viktigaste är inte vad ni gör, utan att du finns där och är densamma över tid.\n\nDu är inte behandlare eller socialsekreterare, utan en medmänniska. Du får en introduktion och har en kontaktsekreterare hos oss som du kan ringa när du har frågor. Sedan 2023 kan socialnämnden utse en kontaktperson för ett barn som har fyllt 12 år även utan vårdnadshavarnas samtycke, om barnet självt vill det.",
        "suited_for": "Uppdraget passar dig som tycker om att umgås med barn och unga, har en stabil livssituation och kan vara en trygg och pålitlig vuxen. Du behöver ingen särskild utbildning. Det viktiga är att du har tid, intresse och tålamod.",
        "time": "Oftast två till fyra träffar i månaden, några timmar åt gången. Eftersom relationen är det viktigaste vill vi att du kan åta dig uppdraget i minst ett år.",
        "age": 18,
        "requirements": "För uppdrag med barn och unga ser vi gärna att du är några år äldre än så. Du behöver inte ha bil, men det är bra om du kan ta dig till träffarna. Talar du fler språk än svenska får du gärna berätta det – ibland söker vi någon som talar barnets språk.",
        "registers": REGISTERS_CHILDREN,
        "pay": PAY_MONTHLY,
    },
    {
        "type": "kontaktperson",
        "group": "vuxna",
        "unit": ADULT_UNIT,
        "slug": "kontaktperson-vuxna-och-aldre",
        "title": "Kontaktperson för vuxna och äldre",
        "intro": "Som kontaktperson för en vuxen eller äldre person bryter du ensamhet och är ett stöd i vardagen – någon att prata med, gå en promenad med eller följa med på en aktivitet.",
        "body": "Många vuxna och äldre lever isolerat, till exempel efter en period med psykisk ohälsa eller missbruk, eller när vänner och familj inte längre finns nära. En kontaktperson är ett stöd enligt socialtjänstlagen som hjälper personen att bryta ensamheten och komma ut i samhället.\n\nNi bestämmer tillsammans vad ni gör: fika, promenader, ett museibesök eller att handla tillsammans. Du är en medmänniska, inte personal, och du hjälper inte till med omvårdnad eller ekonomi.",
        "suited_for": "Uppdraget passar dig som är en god lyssnare, är lugn och respektfull och har tid över några gånger i månaden. Det passar också dig som är pensionär och vill göra något meningsfullt.",
        "time": "Oftast två till fyra träffar i månaden, ett par timmar åt gången. Ni kommer överens om dagar och tider som passar er båda.",
        "age": 18,
        "requirements": "Erfarenhet av arbete med människor är bra men inget krav. Körkort behövs inte. Det är en fördel om du talar fler språk än svenska.",
        "registers": REGISTERS_GENERAL,
        "pay": PAY_MONTHLY,
    },
    {
        "type": "kontaktperson",
        "group": "funktionsnedsattning",
        "unit": LSS_UNIT,
        "slug": "kontaktperson-funktionsnedsattning",
        "title": "Kontaktperson för personer med funktionsnedsättning",
        "intro": "Som kontaktperson enligt LSS är du en vän och medmänniska för ett barn, en ung person eller en vuxen med funktionsnedsättning.",
        "body": "Biträde av kontaktperson är en insats enligt 9 § 4 lagen om stöd och service till vissa funktionshindrade (LSS). Syftet är att bryta isolering och ge personen möjlighet till ett självständigt liv med fritid och gemenskap.\n\nStödet är inte professionellt: du är en medmänniska som personen kan lita på. Ni gör saker som personen tycker om – sport, musik, bio, promenader eller att träffas och prata. Du får information om personens behov innan ni börjar, och vi finns med vid starten.",
        "suited_for": "Uppdraget passar dig som är nyfiken på andra människor, har tålamod och vill dela dina intressen med någon. Erfarenhet av funktionsnedsättningar är bra men inte nödvändig.",
        "time": "Omfattningen varierar: ofta två till tre träffar i månaden, ibland fyra eller fler och i vissa uppdrag flera gånger i veckan.",
        "age": 18,
        "requirements": "För vissa uppdrag behöver du körkort och tillgång till bil, det står i så fall i uppdragsbeskrivningen. Kunskap i teckenspråk eller andra språk är ibland efterfrågat.",
        "registers": REGISTERS_LSS_CHILDREN,
        "pay": PAY_MONTHLY,
    },
    {
        "type": "kontaktfamilj",
        "group": "barn-och-unga",
        "unit": CHILD_UNIT,
        "slug": "kontaktfamilj",
        "title": "Kontaktfamilj",
        "intro": "Som kontaktfamilj tar ni emot ett barn hemma hos er någon helg i månaden och ger barnet och barnets familj en välbehövlig paus.",
        "body": "En kontaktfamilj är ett stöd enligt socialtjänstlagen för barn som behöver fler trygga vuxna och ett extra sammanhang, och för föräldrar som behöver avlastning. Barnet bor hos er under några dygn, oftast en helg, och är med i er vardag: äter middag, leker, går till parken eller följer med på en aktivitet.\n\nKontaktfamilj är oftast ett stöd till yngre barn. Barnets familj vet vilka ni är och ni träffas tillsammans med oss innan uppdraget börjar.\n\nEn kontaktfamilj kan se ut på många sätt: ensamstående, par, med eller utan egna barn.",
        "suited_for": "Uppdraget passar er som har ett hem med plats för ett barn till, en stabil vardag och tid att ge ett barn uppmärksamhet. Alla i hushållet ska vara positiva till uppdraget.",
        "time": "Oftast en eller två helger i månaden, från fredag eftermiddag till söndag. Uppdragen pågår ofta i flera år.",
        "age": 18,
        "requirements": "Åldersgränsen gäller den eller de vuxna som har huvudansvaret för uppdraget. Ni behöver ett eget rum eller en egen sovplats för barnet. Vi gör ett hembesök och pratar med alla vuxna i hushållet som en del av utredningen.",
        "registers": REGISTERS_FAMILY,
        "pay": PAY_PER_DAY,
    },
    {
        "type": "stodfamilj",
        "group": "funktionsnedsattning",
        "unit": LSS_UNIT,
        "slug": "stodfamilj",
        "title": "Stödfamilj",
        "intro": "Som stödfamilj tar ni emot ett barn eller en ung person med funktionsnedsättning hemma hos er några dygn i månaden.",
        "body": "Stödfamilj är en form av korttidsvistelse utanför det egna hemmet enligt 9 § 6 LSS. Barnet får miljöombyte och nya upplevelser, och föräldrarna får avlastning och tid för sig själva och för syskon.\n\nSom stödfamilj får ni en introduktion om barnets funktionsnedsättning och behov, och vi finns med vid de första besöken. Ni har en kontaktsekreterare som ni kan vända er till under hela uppdraget.",
        "suited_for": "Uppdraget passar er som har erfarenhet av eller vill lära er mer om funktionsnedsättningar, har ett hem som fungerar för barnet och en stabil vardag.",
        "time": "Oftast en eller två helger i månaden, eller ett bestämt antal dygn i månaden enligt barnets beslut.",
        "age": 18,
        "requirements": "Åldersgränsen gäller den eller de vuxna som har huvudansvaret för uppdraget. Beroende på barnets behov kan hemmet behöva vara tillgängligt, till exempel för rullstol. Vi gör ett hembesök och pratar med alla i hushållet.",
        "registers": REGISTERS_FAMILY
        + "\n\nEftersom uppdraget gäller ett barn enligt LSS måste ni enligt lag (2010:479) visa ett utdrag ur belastningsregistret som är högst ett år gammalt innan uppdraget börjar.",
        "pay": PAY_PER_DAY,
    },
    {
        "type": "ledsagare",
        "group": "funktionsnedsattning",
        "unit": LSS_UNIT,
        "slug": "ledsagare",
        "title": "Ledsagare",
        "intro": "Som ledsagare följer du med en person med funktionsnedsättning på fritidsaktiviteter, kultur och ärenden, så att personen kan delta i samhällslivet.",
        "body": "Ledsagarservice är en insats enligt 9 § 3 LSS, och äldre personer kan få ledsagning som bistånd enligt socialtjänstlagen. Du följer med på det personen vill göra: en konsert, en fotbollsmatch, ett besök hos vänner eller en promenad.\n\nSkillnaden mot en kontaktperson är att du som ledsagare framför allt hjälper personen att ta sig till och delta i aktiviteter, medan en kontaktperson är mer av en vän.",
        "suited_for": "Uppdraget passar dig som är flexibel, lyhörd och tycker om att vara ute och röra dig. Det är bra om du är bekväm med att hjälpa till praktiskt.",
        "time": "Ett antal timmar i månaden, enligt personens beslut. Tiderna bestämmer ni tillsammans, ofta kvällar och helger.",
        "age": 18,
        "requirements": "Körkort är ofta en fördel. För vissa uppdrag behöver du kunna hjälpa till med förflyttningar, det får du i så fall introduktion i.",
        "registers": REGISTERS_LSS_CHILDREN,
        "pay": PAY_HOURLY,
    },
    {
        "type": "avlosare",
        "group": "funktionsnedsattning",
        "unit": LSS_UNIT,
        "slug": "avlosare",
        "title": "Avlösare",
        "intro": "Som avlösare tar du över omsorgen i hemmet några timmar, så att anhöriga till en person med funktionsnedsättning kan få egen tid.",
        "body": "Avlösarservice i hemmet är en insats enligt 9 § 5 LSS och kan också ges som avlösning enligt socialtjänstlagen. Du kommer hem till familjen och tar hand om personen medan de anhöriga gör något eget: tränar, träffar vänner eller tar hand om syskon.\n\nAvlösning är till för att de anhöriga ska få vila och egen tid, inte för att täcka deras arbetstid eller studier.",
        "suited_for": "Uppdraget passar dig som är trygg, ansvarsfull och van att ta hand om andra. Erfarenhet av omsorg, förskola eller skola är en fördel.",
        "time": "Ett antal timmar i månaden enligt beslutet, ofta på kvällar eller helger. Ni planerar tiderna tillsammans med familjen.",
        "age": 18,
        "requirements": "Du får en introduktion i personens behov, till exempel kommunikation, mat och mediciner.",
        "registers": REGISTERS_LSS_CHILDREN,
        "pay": PAY_HOURLY,
    },
    {
        "type": "umgangesstod",
        "group": "barn-och-unga",
        "unit": CHILD_UNIT,
        "slug": "umgangesstodjare",
        "title": "Umgängesstödjare",
        "intro": "Som umgängesstödjare är du med när ett barn träffar en förälder som barnet inte bor med, så att umgänget blir tryggt för barnet.",
        "body": "Tingsrätten kan besluta att en person som socialnämnden utser ska vara med när barnet träffar en förälder (föräldrabalken 6 kap. 15 c §). Stödet gäller under en bestämd tid, och vi följer upp och arbetar för att det ska kunna upphöra så snart som möjligt. Föräldrarna kan också komma överens om en kontaktperson vid umgänge utan att domstolen är inblandad.\n\nDu är med under hela umgänget, ser till att barnet har det bra och skriver korta anteckningar efteråt. Du tar inte ställning i föräldrarnas konflikt.",
        "suited_for": "Uppdraget passar dig som är trygg, neutral och tydlig, och som klarar att vara i situationer där vuxna inte är överens. Erfarenhet av arbete med barn eller familjer är ett krav.",
        "time": "Vid varje umgängestillfälle, till exempel två timmar varannan vecka, enligt domen eller överenskommelsen.",
        "age": 18,
        "requirements": "Du ska ha dokumenterad erfarenhet av arbete med barn eller familjer, till exempel som socionom, förskollärare eller behandlingsassistent. Du behöver kunna vara med på vardagskvällar eller helger.",
        "registers": REGISTERS_CHILDREN,
        "pay": "Du får betalt per timme för tiden vid umgänget och för dina anteckningar. Ersättningen är skattepliktig inkomst: vi drar preliminärskatt och betalar arbetsgivaravgifter.",
    },
    {
        "type": "skkp",
        "group": "barn-och-unga",
        "unit": CHILD_UNIT,
        "slug": "sarskilt-kvalificerad-kontaktperson",
        "title": "Särskilt kvalificerad kontaktperson",
        "intro": "Som särskilt kvalificerad kontaktperson ger du ett tätt och strukturerat stöd till en ung person som riskerar att fastna i kriminalitet, missbruk eller annat destruktivt beteende.",
        "body": "En särskilt kvalificerad kontaktperson är ett stöd enligt socialtjänstlagen för ungdomar under 21 år. I vissa fall kan socialnämnden besluta om stödet enligt 22 § LVU för en ung person under 20 år, även utan samtycke. Då finns en behandlingsplan som du arbetar efter.\n\nDu träffar den unge ofta, hjälper till med skola, fritid och kontakter med myndigheter och är en stabil vuxen som inte ger upp. Du samarbetar nära med den unges socialsekreterare och får regelbunden handledning.",
        "suited_for": "Uppdraget passar dig som har erfarenhet av ungdomar i utsatta situationer, är tydlig och uthållig och kan sätta gränser med värme.",
        "time": "Minst tio till tolv timmar i veckan, också kvällar och ibland helger.",
        "age": 18,
        "requirements": "Du ska ha en eftergymnasial utbildning inriktad på arbete med barn och unga, till exempel socionom, lärare eller polis, eller minst ett års dokumenterad erfarenhet av arbete med ungdomar. Körkort är en fördel.",
        "registers": REGISTERS_CHILDREN,
        "pay": "Du får betalt per arbetad timme. Nivån beror på uppdragets svårighetsgrad och kommer vi överens om innan uppdraget börjar. Ersättningen är skattepliktig inkomst: vi drar preliminärskatt och betalar arbetsgivaravgifter.",
    },
]

# FAQ --------------------------------------------------------------------------------------------

FAQ: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "Om uppdragen",
        CONTACT_UNIT,
        [
            (
                "Vad innebär det att vara kontaktperson?",
                "Du är en trygg vuxen och en medmänniska för någon som behöver stöd: ett barn, en ung person eller en vuxen. Ni träffas regelbundet och gör vardagliga saker tillsammans. Du är inte anställd av kommunen utan har ett uppdrag, och du får arvode och ersättning för dina kostnader.",
            ),
            (
                "Hur ofta träffas man?",
                "Det beror på uppdraget. En kontaktperson träffar oftast sin person två till fyra gånger i månaden. En kontaktfamilj tar emot ett barn en eller två helger i månaden. En särskilt kvalificerad kontaktperson träffar den unge minst tio timmar i veckan.",
            ),
            (
                "Var träffas vi?",
                "Ni bestämmer själva. Många träffas ute: på ett café, i en park, på biblioteket eller på en aktivitet. En kontaktfamilj tar emot barnet i sitt hem. Du behöver aldrig ta emot någon hemma om uppdraget inte är att vara kontaktfamilj eller stödfamilj.",
            ),
            (
                "Har jag tystnadsplikt?",
                "Ja. När du får ett uppdrag skriver du under en förbindelse om tystnadsplikt. Du får inte berätta för andra om personen du stöttar eller om personens familj.",
            ),
        ],
    ),
    (
        "Vem kan bli uppdragstagare?",
        CONTACT_UNIT,
        [
            (
                "Vem kan söka?",
                "Du som har fyllt 18 år, har en stabil livssituation och tid över. Du behöver ingen särskild utbildning för att bli kontaktperson eller kontaktfamilj. För särskilt kvalificerad kontaktperson och umgängesstödjare krävs utbildning eller erfarenhet av arbete med barn och unga. Du kan ha ett vanligt arbete eller studera samtidigt.",
            ),
            (
                "Vilka register kontrollerar ni?",
                "Med ditt medgivande kontrollerar vi Polisens belastningsregister och misstankeregister, socialtjänstens register och Kronofogdens register. För uppdrag med barn visar du också ett utdrag ur belastningsregistret som är högst ett år gammalt. Vi sparar aldrig själva utdraget, bara en anteckning om att du har visat det.",
            ),
        ],
    ),
    (
        "Så går det till",
        CONTACT_UNIT,
        [
            (
                "Hur gör jag för att börja?",
                "Fyll i en intresseanmälan här på webbplatsen. Det tar ungefär tio minuter. Vi ringer dig inom ungefär två veckor och berättar mer. Du bestämmer dig inte för något genom att anmäla intresse.",
            ),
            (
                "Hur går utredningen till?",
                "Vi träffar dig för ett samtal om dig, din vardag och varför du vill ha ett uppdrag. Vi gör registerkontroller med ditt medgivande och ringer dina referenser. Om du vill bli kontaktfamilj eller stödfamilj gör vi också ett hembesök och träffar alla i hushållet. Utredningen tar oftast några veckor upp till ett par månader.\n\nNär vi har ett uppdrag som passar dig får du först anonym information. Vill du gå vidare träffas du, personen och handläggaren på ett startmöte innan du bestämmer dig.",
            ),
        ],
    ),
    (
        "Ersättning och skatt",
        "Ekonomiavdelningen",
        [
            (
                "Vad får jag betalt?",
                "Du får ett arvode för uppdraget och en omkostnadsersättning för dina kostnader, till exempel fika, resor och entréer. Kontaktpersoner får ersättning per månad, kontaktfamiljer och stödfamiljer per dygn, och ledsagare, avlösare och särskilt kvalificerade kontaktpersoner per timme. Nivåerna följer Sveriges Kommuner och Regioners rekommendationer och står i ditt uppdragsavtal.",
            ),
            (
                "Måste jag betala skatt på ersättningen?",
                "Arvodet är skattepliktig inkomst. Vi drar preliminärskatt och betalar arbetsgivaravgifter.\n\nOmkostnadsersättningen är inte lön. Inom de nivåer som SKR rekommenderar drar vi ingen skatt på den. Du tar upp den i din deklaration och kan göra avdrag med motsvarande belopp för den del som överstiger 5 000 kronor per år. Läs mer hos Skatteverket.",
            ),
        ],
    ),
]

# Open assignments (anonymised) --------------------------------------------------------------

OPEN_ASSIGNMENTS: list[dict[str, Any]] = [
    {
        "type": "kontaktperson",
        "group": "barn-och-unga",
        "unit": CHILD_UNIT,
        "title": "Kontaktperson till en fotbollsintresserad tonåring",
        "age_band": AgeBand.AGE_13_17,
        "carer_gender": CarerGender.MAN,
        "area": "Norra Ekby",
        "interests": "Fotboll, gaming, att laga mat",
        "scope": "2–3 träffar i månaden",
        "start_wish": "Snarast",
        "description": "En glad och lite blyg tonåring som bor med en förälder söker en vuxen att hitta på saker med. Hen gillar fotboll och vill gärna komma igång med en fritidsaktivitet. Vi söker gärna en manlig kontaktperson som kan vara en förebild och finnas kvar i några år.",
    },
    {
        "type": "kontaktperson",
        "group": "barn-och-unga",
        "unit": CHILD_UNIT,
        "title": "Kontaktperson till ett barn som älskar djur och natur",
        "age_band": AgeBand.AGE_7_12,
        "carer_gender": CarerGender.ANY,
        "area": "Ekbyhamn",
        "interests": "Djur, natur, rita",
        "scope": "2 träffar i månaden",
        "start_wish": "Efter sommaren",
        "description": "Ett nyfiket barn i mellanstadieåldern behöver en trygg vuxen utanför familjen. Barnet tycker om att vara ute i skogen, titta på djur och rita. Du behöver kunna träffas på eftermiddagar eller helger.",
    },
    {
        "type": "kontaktfamilj",
        "group": "barn-och-unga",
        "unit": CHILD_UNIT,
        "title": "Kontaktfamilj till ett förskolebarn",
        "age_band": AgeBand.AGE_0_6,
        "carer_gender": CarerGender.ANY,
        "area": "Centrum",
        "interests": "Lek, sagor, vara ute",
        "scope": "En helg i månaden",
        "start_wish": "Snarast",
        "description": "En ensamstående förälder med flera barn behöver avlastning. Vi söker en familj som kan ta emot det yngsta barnet en helg i månaden, fredag till söndag. Det är en fördel om ni bor i eller nära centrala Ekby.",
    },
    {
        "type": "kontaktfamilj",
        "group": "barn-och-unga",
        "unit": CHILD_UNIT,
        "title": "Kontaktfamilj till syskon i lågstadieåldern",
        "age_band": AgeBand.AGE_7_12,
        "carer_gender": CarerGender.ANY,
        "area": "Västra Ekby",
        "interests": "Bad, cykla, spela spel",
        "scope": "Varannan helg",
        "start_wish": "Inom tre månader",
        "description": "Två syskon behöver en kontaktfamilj som kan ta emot dem tillsammans varannan helg. Barnen är aktiva och tycker om att vara ute. Ni behöver ha plats för två barn.",
    },
    {
        "type": "stodfamilj",
        "group": "funktionsnedsattning",
        "unit": LSS_UNIT,
        "title": "Stödfamilj till ett barn som trivs med tydliga rutiner",
        "age_band": AgeBand.AGE_7_12,
        "carer_gender": CarerGender.ANY,
        "area": "Lunden",
        "interests": "Lego, tåg, musik",
        "scope": "Fyra dygn i månaden",
        "start_wish": "Snarast",
        "description": "Ett barn med funktionsnedsättning som trivs med tydliga rutiner behöver en stödfamilj. Familjen får introduktion och stöd av oss och av barnets föräldrar. Lugn hemmiljö är viktigare än många aktiviteter.",
    },
    {
        "type": "kontaktperson",
        "group": "vuxna",
        "unit": ADULT_UNIT,
        "title": "Kontaktperson till en äldre person som vill komma ut mer",
        "age_band": AgeBand.AGE_65_PLUS,
        "carer_gender": CarerGender.ANY,
        "area": "Centrum",
        "interests": "Promenader, historia, kaffe",
        "scope": "2 träffar i månaden",
        "start_wish": "Snarast",
        "description": "En pensionär som bor ensam och har få kontakter söker någon att fika och promenera med. Personen berättar gärna om gamla Ekby och tycker om att gå på museum.",
    },
    {
        "type": "ledsagare",
        "group": "funktionsnedsattning",
        "unit": LSS_UNIT,
        "title": "Ledsagare till en ung vuxen som gillar konserter",
        "age_band": AgeBand.AGE_18_25,
        "carer_gender": CarerGender.WOMAN,
        "area": "Norra Ekby",
        "interests": "Konserter, bio, shopping",
        "scope": "8 timmar i månaden",
        "start_wish": "Från januari",
        "description": "En ung vuxen som använder rullstol vill kunna gå på konserter och bio oftare. Vi söker en kvinnlig ledsagare som kan följa med på kvällar och helger. Körkort är en fördel.",
    },
    {
        "type": "skkp",
        "group": "barn-och-unga",
        "unit": CHILD_UNIT,
        "title": "Särskilt kvalificerad kontaktperson till en ung person",
        "age_band": AgeBand.AGE_13_17,
        "carer_gender": CarerGender.ANY,
        "area": "Ekbyhamn",
        "interests": "Musik, träning",
        "scope": "10–12 timmar i veckan",
        "start_wish": "Snarast",
        "description": "En ung person som har hamnat snett behöver en stabil vuxen som finns där ofta, hjälper till med skolan och med att hitta nya sammanhang. Du arbetar efter en plan tillsammans med den unges socialsekreterare och får handledning.",
    },
]

# One listing that must never be published: the person has protected identity.
PROTECTED_LISTING: dict[str, Any] = {
    "type": "kontaktperson",
    "group": "barn-och-unga",
    "unit": CHILD_UNIT,
    "title": "Kontaktperson till ett barn (matchas bland godkända uppdragstagare)",
    "age_band": AgeBand.AGE_7_12,
    "carer_gender": CarerGender.ANY,
    "area": "Ekby",
    "interests": "",
    "scope": "2 träffar i månaden",
    "start_wish": "",
    "description": "Personen har skyddade personuppgifter. Uppdraget publiceras inte på webbplatsen.",
    "client_has_protected_identity": True,
}

STORIES: list[dict[str, Any]] = [
    {
        "type": "kontaktperson",
        "unit": CONTACT_UNIT,
        "slug": "lena-kontaktperson",
        "title": "”Vi har bakat mer kanelbullar än jag kan räkna”",
        "byline": "Lena, kontaktperson sedan 2021",
        "intro": "Lena blev kontaktperson när barnen hade flyttat hemifrån. Nu träffar hon en tjej i mellanstadiet två gånger i månaden.",
        "body": "Jag hade länge tänkt att jag ville göra något för någon annan, och när jag såg en annons från kommunen anmälde jag intresse samma kväll. Utredningen tog några veckor. Jag träffade en kontaktsekreterare, berättade om mig själv och gav två referenser.\n\nFörsta gången vi sågs var vi båda nervösa. Nu pratar vi om allt möjligt medan vi bakar eller går till biblioteket. Det handlar inte om att göra stora saker, utan om att jag finns där, varje gång.\n\nNär det har varit svårt har jag kunnat ringa kontaktsekreteraren. Det har känts tryggt att inte vara ensam i uppdraget.",
    },
    {
        "type": "kontaktfamilj",
        "unit": CONTACT_UNIT,
        "slug": "amir-och-sofia-kontaktfamilj",
        "title": "”Barnen frågar alltid när han kommer nästa gång”",
        "byline": "Amir och Sofia, kontaktfamilj sedan 2022",
        "intro": "Amir och Sofia har två egna barn och tar emot en pojke i förskoleåldern en helg i månaden.",
        "body": "Vi hade funderat på att bli familjehem, men kände att det var ett för stort steg just nu. Kontaktfamilj passade oss bättre: en helg i månaden går att få ihop med jobb och fritidsaktiviteter.\n\nUnder utredningen kom de hem till oss, pratade med oss båda och med våra barn. Vi fick en introduktion och träffade pojkens mamma tillsammans med socialsekreteraren innan första helgen.\n\nHelgerna är ganska vanliga: vi handlar, går till lekplatsen och äter tacos på fredagen. Det är just det vanliga som betyder något.",
    },
]


def _unit(organisation: Organisation, name: str) -> Unit | None:
    return Unit.objects.filter(organisation=organisation, name=name).first()


def _listing_fields(
    organisation: Organisation,
    item: dict[str, Any],
    types: dict[str, AssignmentType],
    groups: dict[str, TargetGroup],
) -> dict[str, Any]:
    return {
        "assignment_type": types[item["type"]],
        "target_group": groups.get(item["group"]),
        "responsible_unit": _unit(organisation, item["unit"]),
        "title": item["title"],
        "age_band": item["age_band"],
        "carer_gender": item["carer_gender"],
        "area": item["area"],
        "interests": item["interests"],
        "scope": item["scope"],
        "start_wish": item["start_wish"],
        "description": item["description"],
        "client_has_protected_identity": item.get("client_has_protected_identity", False),
    }


def create_demo_content(organisation: Organisation) -> None:
    """Assignment type pages, FAQ, open assignments and stories for the demo organisation."""
    types = {t.code: t for t in AssignmentType.objects.all()}
    groups = {g.code: g for g in TargetGroup.objects.all()}

    for order, item in enumerate(PAGES):
        services.assignment_type_page_create(
            organisation=organisation,
            fields={
                "assignment_type": types[item["type"]],
                "target_group": groups.get(item["group"]),
                "responsible_unit": _unit(organisation, item["unit"]),
                "slug": item["slug"],
                "title": item["title"],
                "intro": item["intro"],
                "body": item["body"],
                "suited_for": item["suited_for"],
                "time_commitment": item["time"],
                "minimum_age": item["age"],
                "requirements": item["requirements"],
                "registers_checked": item["registers"],
                "pay_text": item["pay"],
                "order": order,
                "published": True,
            },
            actor=None,
        )

    for category_order, (title, unit_name, entries) in enumerate(FAQ):
        category = services.faq_category_create(
            organisation=organisation,
            fields={
                "title": title,
                "responsible_unit": _unit(organisation, unit_name),
                "order": category_order,
                "published": True,
            },
            actor=None,
        )
        for entry_order, (question, answer) in enumerate(entries):
            services.faq_entry_create(
                organisation=organisation,
                fields={
                    "category": category,
                    "question": question,
                    "answer": answer,
                    "order": entry_order,
                    "published": True,
                },
                actor=None,
            )

    for item in OPEN_ASSIGNMENTS:
        listing = services.open_assignment_create(
            organisation=organisation,
            fields=_listing_fields(organisation, item, types, groups),
            actor=None,
        )
        services.open_assignment_publish(assignment=listing, actor=None)
    services.open_assignment_create(
        organisation=organisation,
        fields=_listing_fields(organisation, PROTECTED_LISTING, types, groups),
        actor=None,
    )

    for order, item in enumerate(STORIES):
        services.story_create(
            organisation=organisation,
            fields={
                "assignment_type": types[item["type"]],
                "responsible_unit": _unit(organisation, item["unit"]),
                "slug": item["slug"],
                "title": item["title"],
                "byline": item["byline"],
                "intro": item["intro"],
                "body": item["body"],
                "order": order,
                "published": True,
            },
            actor=None,
        )
