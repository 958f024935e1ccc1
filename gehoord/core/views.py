from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Too many requests from one client: say so plainly, and how to reach the municipality instead."""
    return render(request, "rate_limited.html", status=429)
