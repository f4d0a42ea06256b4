"""Security headers every response carries: the Content-Security-Policy and the
Permissions-Policy.

The policy lets a page load only what this server serves (scripts, styles, fonts, images,
fetches), run no inline script and no `eval`, be framed by no one, and post forms only
here. Chuẩn's pages need nothing else: Bootstrap, HTMX, Chart.js and Bootstrap Icons are
vendored under static, and no template carries an inline script, a `<style>` element or a
`style="…"` attribute: every look comes from the stylesheets under static, so `style-src`
'self' refuses inline styles of both kinds. (Bootstrap's and Chart.js' scripts set styles
through the CSSOM, `element.style.height = …`, which the policy does not govern.) Bootstrap's
own stylesheet draws its check marks and arrows with `data:` SVG images.

A view that needs another policy (the rendered API documentation) sets the header itself;
it is kept.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


def policy_text(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# Powerful browser features no screen of Chuẩn uses, switched off for every page and frame.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "browsing-topics=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = policy_text(CONTENT_SECURITY_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = PERMISSIONS_POLICY
        return response
