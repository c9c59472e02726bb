"""Sign-in, sign-out and the guard that refuses every unauthenticated request."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired

from data.scope import Viewer, load_viewer
from data.users import authenticate, normalise_email
from web import standup_link
from web.context import _, current_db, request_locale

# Reachable without a session: these exact paths, and static files under these prefixes.
# Exact, so that `/loginX` or `/healthz2` (a route someone adds later) is never public by accident.
PUBLIC_PATHS = frozenset({"/login", "/logout", "/healthz", "/_favicon.ico"})
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/")
# Machine endpoints answer 401 instead of redirecting to the sign-in page.
API_PREFIXES = ("/_dash-", "/export/", "/api/")
LOGIN_LIMIT = "5 per 15 minutes"

login_manager = LoginManager()


class SessionUser(UserMixin):
    """The flask-login user: a Viewer loaded once per request."""

    def __init__(self, viewer: Viewer) -> None:
        self.viewer = viewer
        self.id = viewer.id

    def get_id(self) -> str:
        return str(self.viewer.id)


class LoginForm(FlaskForm):
    email = EmailField(validators=[DataRequired()])
    password = PasswordField(validators=[DataRequired()])


def safe_next(target: str | None) -> str:
    """Only a local path: no scheme, no host, no protocol-relative '//' trick."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    if "\\" in target:
        return "/"
    return target


def _login_email_key() -> str:
    return "email:" + normalise_email(request.form.get("email", ""))


def _login_address_key() -> str:
    return "address:" + (get_remote_address() or "unknown")


def _failed(response) -> bool:
    # Only failed attempts count: a success answers a redirect.
    return response.status_code != 302


def _render_login(message: str | None = None, status: int = 200, email: str = ""):
    form = LoginForm()
    return (
        render_template(
            "login.html",
            form=form,
            message=message,
            email=email,
            next=safe_next(request.args.get("next")),
            locale=request_locale(),
        ),
        status,
    )


def login():
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(safe_next(request.args.get("next")))
        return _render_login()
    form = LoginForm()
    email = request.form.get("email", "")
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            return _render_login(_("The form expired, please try again."), 400, email)
        return _render_login(_("Invalid e-mail or password."), 200, email)
    with current_db().session() as s:
        user = authenticate(s, form.email.data, form.password.data)
        viewer = load_viewer(s, user.id) if user else None
    if viewer is None:
        return _render_login(_("Invalid e-mail or password."), 200, email)
    login_user(SessionUser(viewer))
    return redirect(safe_next(request.args.get("next") or request.form.get("next")))


def logout():
    logout_user()
    return redirect(url_for("auth.login"))


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(STATIC_PREFIXES)


def _guard():
    path = request.path
    if is_public(path):
        return None
    # Stand-up TV links: a bad token gets its 403 page; a valid one opens /standup and its
    # own callbacks, nothing else (web/standup_link.py).
    link = standup_link.verdict(signed_in=current_user.is_authenticated)
    if link.decided:
        return link.response
    if current_user.is_authenticated:
        return None
    if path.startswith(API_PREFIXES):
        return jsonify({"error": "authentication required"}), 401
    target = request.full_path if request.query_string else path
    return redirect(url_for("auth.login", next=target))


def init_app(server: Flask) -> None:
    login_manager.init_app(server)
    login_manager.login_view = "auth.login"

    @login_manager.user_loader
    def load_user(user_id: str) -> SessionUser | None:
        # A deactivated user gets None here, which ends their session at once.
        try:
            uid = int(user_id)
        except ValueError:
            return None
        with server.extensions["relance_db"].session() as s:
            viewer = load_viewer(s, uid)
        return SessionUser(viewer) if viewer else None

    # One limiter per app, so that two apps in one process (tests) never share counts.
    limiter = Limiter(key_func=get_remote_address, app=server, default_limits=[])
    server.extensions["relance_limiter"] = limiter
    limited = limiter.limit(
        LOGIN_LIMIT, key_func=_login_address_key, methods=["POST"], deduct_when=_failed
    )(
        limiter.limit(
            LOGIN_LIMIT, key_func=_login_email_key, methods=["POST"], deduct_when=_failed
        )(login)
    )
    # A blueprint per app: its login view carries this app's limiter.
    bp = Blueprint("auth", __name__)
    bp.add_url_rule("/login", "login", limited, methods=["GET", "POST"])
    bp.add_url_rule("/logout", "logout", logout, methods=["GET", "POST"])
    server.register_blueprint(bp)
    server.before_request(_guard)

    @server.errorhandler(RateLimitExceeded)
    def too_many(_error):
        return _render_login(_("Too many attempts. Try again in 15 minutes."), 429)

    @server.errorhandler(CSRFError)
    def csrf_expired(_error):
        return _render_login(_("The form expired, please try again."), 400)
