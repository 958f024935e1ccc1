"""How the API's authentication shows in the OpenAPI schema (drf-spectacular extension)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiClientScheme(OpenApiAuthenticationExtension):
    target_class = "gehoord.api.auth.ApiClientAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Het token van een API-koppeling (functioneel beheer maakt het aan).",
        }
