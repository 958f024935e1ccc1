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


# --- error answers ----------------------------------------------------------------

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details, in Dutch.",
    "properties": {
        "type": {"type": "string", "example": "about:blank"},
        "title": {"type": "string", "example": "Ongeldige invoer"},
        "status": {"type": "integer", "example": 400},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "Per field what is wrong (only with 400).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["type", "title", "status", "detail"],
}
PROBLEM_DESCRIPTIONS = {
    400: "Invalid input: `errors` names each wrong field.",
    401: "No valid token.",
    403: "The token lacks the scope, or the service account may not do this.",
    404: "Not found, or not visible to this client.",
    406: "The Accept header asks for a format the API does not give.",
    409: "The step is not possible in the complaint's current status.",
    415: "The body is not JSON.",
    422: "The lifecycle rules refuse this, or the Idempotency-Key was used with another body.",
    429: "Too many requests: wait for Retry-After.",
}


def _problem_codes(method: str, operation: dict) -> list[int]:
    """The error answers an operation can give, from what it takes."""
    codes = [401, 403, 406, 429]
    parameters = operation.get("parameters", [])
    if any(p.get("in") == "path" for p in parameters) or any(p.get("name") == "page" for p in parameters):
        codes.append(404)  # an unknown (or invisible) complaint, or a page past the end
    if "requestBody" in operation or any(p.get("in") == "query" for p in parameters):
        codes.append(400)
    if method == "post":
        codes += [409, 415, 422]
    return sorted(codes)


def add_problem_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents its problem+json answers."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"$ref": "#/components/schemas/Problem"}
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            for code in _problem_codes(method, operation):
                responses.setdefault(
                    str(code),
                    {
                        "description": PROBLEM_DESCRIPTIONS[code],
                        "content": {"application/problem+json": {"schema": reference}},
                    },
                )
    return result
