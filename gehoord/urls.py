from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from gehoord.core import health, metrics
from gehoord.core.ratelimits import limited
from gehoord.intake import views as intake_views
from gehoord.reporting import views as reporting_views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="intake:start", permanent=False), name="home"),
    path("klacht/", include("gehoord.intake.urls")),
    path("privacy/", intake_views.privacy, name="privacy"),
    path("toegankelijkheid/", intake_views.accessibility, name="accessibility"),
    path("thema.css", intake_views.theme_css, name="theme-css"),
    path("logo", intake_views.logo, name="logo"),
    path("i18n/setlang/", limited("language")(set_language), name="set_language"),
    path("health/", health.health, name="health"),
    # No slash: the path Prometheus scrapes by default.
    path("metrics", metrics.metrics, name="metrics"),
    path(
        "medewerkers/inloggen/",
        limited("login", method="POST")(
            auth_views.LoginView.as_view(extra_context={"oidc_enabled": settings.OIDC_ENABLED})
        ),
        name="login",
    ),
    path("medewerkers/uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("medewerkers/tweestapsverificatie/", include("gehoord.accounts.urls")),
    path("medewerkers/wachttijden-inloggen/", include("gehoord.accounts.staff_urls")),
    path("medewerkers/klachten/", include("gehoord.cases.urls")),
    path("medewerkers/brieven/", include("gehoord.correspondence.urls")),
    path("medewerkers/registreren/", include("gehoord.intake.staff_urls")),
    path("medewerkers/postvak/", include("gehoord.mailbox.urls")),
    path("medewerkers/signalen/", include("gehoord.social.urls")),
    path("medewerkers/verbetermaatregelen/", include("gehoord.learning.urls")),
    path("medewerkers/bloemenbonnen/", include("gehoord.vouchers.urls")),
    path("medewerkers/privacy/", include("gehoord.privacy.urls")),
    path("medewerkers/dashboard/", reporting_views.dashboard, name="dashboard"),
    path("medewerkers/jaarverslag/", reporting_views.annual_reports, name="annual_reports"),
    path("medewerkers/jaarverslag/<int:pk>/", reporting_views.annual_report, name="annual_report"),
    path(
        "medewerkers/jaarverslag/<int:pk>/verslag.<str:fmt>",
        reporting_views.annual_report_file,
        name="annual_report_file",
    ),
    path("api/v1/", include("gehoord.api.urls")),
    path("", include("gehoord.surveys.urls")),
    # The admin's own sign-in, rate limited like the staff one (same path, so it is found first).
    path("beheer/login/", limited("login", method="POST")(admin.site.login)),
    path("beheer/", admin.site.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

# A database that is down answers 503 with a page made without it; any other error the plain 500 page.
handler500 = "gehoord.core.unavailable.server_error"
