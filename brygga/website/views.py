from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "website/home.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "website/privacy.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "website/accessibility.html")
