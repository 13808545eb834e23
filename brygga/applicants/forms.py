from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from brygga.core.uploads import MAX_UPLOAD_BYTES, UploadRejectedError, check_upload
from brygga.core.validators import clean_phone, clean_postal_code

from .constants import Availability, Commitment, Frequency
from .models import DocumentKind

UPLOAD_MESSAGES = {
    "empty": _("Filen är tom. Välj en annan fil."),
    "too_large": _("Filen är större än 10 MB. Välj en mindre fil eller dela upp den."),
    "type": _("Filen måste vara en PDF, JPEG eller PNG."),
}


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Vad är det för dokument?"),
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj vad det är för dokument.")},
    )
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("PDF, JPEG eller PNG, högst 10 MB."),
        error_messages={
            "required": _("Välj en fil att ladda upp."),
            "empty": UPLOAD_MESSAGES["empty"],
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(UPLOAD_MESSAGES["too_large"])
        try:
            check_upload(upload, upload.size or 0)
        except UploadRejectedError as error:
            raise forms.ValidationError(UPLOAD_MESSAGES[error.reason]) from error
        return upload


class ApplicantDetailsForm(forms.Form):
    phone = forms.CharField(label=_("Telefonnummer"), max_length=40)
    street_address = forms.CharField(label=_("Gatuadress"), max_length=200)
    postal_code = forms.CharField(label=_("Postnummer"), max_length=10)
    city = forms.CharField(label=_("Ort"), max_length=100)
    availability = forms.MultipleChoiceField(
        label=_("När har du tid?"),
        choices=Availability.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst ett alternativ.")},
    )
    frequency = forms.ChoiceField(
        label=_("Hur ofta kan du?"), choices=Frequency.choices, widget=forms.RadioSelect
    )
    commitment = forms.ChoiceField(
        label=_("Hur länge kan du ha ett uppdrag?"),
        choices=Commitment.choices,
        widget=forms.RadioSelect,
    )

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean_postal_code(self) -> str:
        return clean_postal_code(self.cleaned_data["postal_code"])


class DeletionRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Vill du berätta något mer?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
    )
