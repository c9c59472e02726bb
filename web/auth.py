"""Sign-in, sign-out and the guard that refuses every unauthenticated request.

A session lives on the server (data/sessions.py): the cookie carries a random token that
names its row, checked on every request. Sign-out (a POST with the form's CSRF token) deletes
the row, so a copy of the cookie replayed later opens nothing; so does a deactivation.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
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

from data import clock
from data.scope import Viewer
from data.sessions import end_session, open_session, session_viewer
from data.users import authenticate, normalise_email
from web import standup_link
from web.context import _, current_db, request_locale

# Reachable without a session: these exact paths, and static files under these prefixes.
# Exact, so that `/loginX` or `/healthz2` (a route someone adds later) is never public by accident.
PUBLIC_PATHS = frozenset({"/login", "/logout", "/healthz", "/_favicon.ico"})
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/")
# Machine endpoints answer 401 instead of redirecting to the sign-in page.
API_PREFIXES = ("/_dash-", "/export/", "/api/")
# Failed sign-ins slow down rather than lock: five in a minute from one address (or for one
# e-mail from one address) wait out the minute, twenty in an hour wait out the hour. Across
# all addresses an e-mail takes 30 failures an hour: someone else guessing at your e-mail from
# elsewhere slows that guessing down without locking you out of your own address.
ADDRESS_LIMIT = "5 per minute;20 per hour"
EMAIL_LIMIT = "30 per hour"

login_manager = LoginManager()


class SessionUser(UserMixin):
    """The flask-login user: a Viewer loaded once per request, and the token of its session
    (what flask-login keeps in the cookie instead of the user's id)."""

    def __init__(self, viewer: Viewer, token: str) -> None:
        self.viewer = viewer
        self.id = viewer.id
        self.token = token

    def get_id(self) -> str:
        return self.token


class LoginForm(FlaskForm):
    email = EmailField(validators=[DataRequired()])
    password = PasswordField(validators=[DataRequired()])


class LogoutForm(FlaskForm):
    """Only its CSRF token: a page of another site cannot sign a user out."""


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


def _login_email_address_key() -> str:
    return _login_email_key() + "|" + _login_address_key()


def _login_address_key() -> str:
    return "address:" + (get_remote_address() or "unknown")


def _failed(response) -> bool:
    # Only wrong credentials count (the form shown again, 200): a success answers a redirect,
    # an expired form 400 (nobody guessed anything).
    return response.status_code == 200


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
        if user is None:
            return _render_login(_("Invalid e-mail or password."), 200, email)
        if current_user.is_authenticated:
            end_session(s, current_user.token)  # signing in again replaces the session
        lifetime = current_app.permanent_session_lifetime
        token = open_session(s, user.id, clock.now(), lifetime)
        viewer = session_viewer(s, token, clock.now())
    login_user(SessionUser(viewer, token))
    return redirect(safe_next(request.args.get("next") or request.form.get("next")))


def logout():
    """GET asks to confirm (a link or a prefetch never signs out); POST with the form's
    token ends the session on the server, then forgets the cookie's content."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    form = LogoutForm()
    if request.method == "GET":
        return _render_logout(form)
    if not form.validate_on_submit():
        return _render_logout(form, _("The form expired, please try again."), 400)
    with current_db().session() as s:
        end_session(s, current_user.token)
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


def _render_logout(form: LogoutForm, message: str | None = None, status: int = 200):
    page = render_template("logout.html", form=form, message=message, locale=request_locale())
    return page, status


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
    def load_user(token: str) -> SessionUser | None:
        # No row (signed out, expired, or a cookie from before server-side sessions) or a
        # deactivated user: None, which ends the session at once.
        with server.extensions["relance_db"].session() as s:
            viewer = session_viewer(s, token, clock.now())
        return SessionUser(viewer, token) if viewer else None

    # One limiter per app, so that two apps in one process (tests) never share counts.
    limiter = Limiter(key_func=get_remote_address, app=server, default_limits=[])
    server.extensions["relance_limiter"] = limiter
    limited = login
    for limit, key in (
        (EMAIL_LIMIT, _login_email_key),
        (ADDRESS_LIMIT, _login_email_address_key),
        (ADDRESS_LIMIT, _login_address_key),
    ):
        limited = limiter.limit(limit, key_func=key, methods=["POST"], deduct_when=_failed)(limited)
    # A blueprint per app: its login view carries this app's limiter.
    bp = Blueprint("auth", __name__)
    bp.add_url_rule("/login", "login", limited, methods=["GET", "POST"])
    bp.add_url_rule("/logout", "logout", logout, methods=["GET", "POST"])
    server.register_blueprint(bp)
    server.before_request(_guard)

    @server.errorhandler(RateLimitExceeded)
    def too_many(_error):
        return _render_login(_("Too many attempts. Wait a minute before trying again."), 429)

    @server.errorhandler(CSRFError)
    def csrf_expired(_error):
        return _render_login(_("The form expired, please try again."), 400)
