"""Pages of two-factor sign-in. Every rule is in ``two_factor``; these only show and ask."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic.base import TemplateResponseMixin
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from site45.core.account_policy import MANAGE_ACCOUNTS, account_policy

from . import log_actions, two_factor
from .email_change import EmailChangeRefused, confirm_change, read_token
from .forms import AppCodeForm, CodeForm, ResetForm
from .middleware import safe_next


def _next(request):
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


@method_decorator([never_cache, sensitive_post_parameters("code")], name="dispatch")
class VerifyView(TemplateResponseMixin, View):
    """「兩步驟驗證」 after the password: a code from the app or one recovery code."""

    template_name = "credentials/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified() or not two_factor.has_two_factor(request.user):
            return redirect(_next(request))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render_to_response(self.context(CodeForm()))

    def context(self, form):
        return {"form": form, "next": _next(self.request), "issuer": settings.OTP_TOTP_ISSUER}

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            result = two_factor.verify(request, form.cleaned_data["code"])
            if result.ok:
                if result.recovery:
                    left = two_factor.recovery_codes_left(request.user)
                    messages.warning(
                        request,
                        _(
                            "您使用了一組復原碼，還剩 %(count)d 組。請到「帳號設定」重新產生復原碼，"
                            "手機遺失時請聯絡帳號管理者重設兩步驟驗證。"
                        )
                        % {"count": left},
                    )
                return redirect(_next(request))
            form.add_error("code", result.error)
        return self.render_to_response(self.context(form))


@method_decorator([never_cache, sensitive_post_parameters("code")], name="dispatch")
class SetUpView(TemplateResponseMixin, View):
    """「設定兩步驟驗證」: QR code and secret, confirm with a code, then the recovery codes once."""

    template_name = "credentials/set_up.html"

    def dispatch(self, request, *args, **kwargs):
        if two_factor.has_two_factor(request.user):
            return redirect(_next(request))
        return super().dispatch(request, *args, **kwargs)

    def context(self, form, device):
        return {
            "form": form,
            "next": _next(self.request),
            "qr_svg": two_factor.qr_svg(device),
            "secret": two_factor.secret_text(device),
            "required": two_factor.two_factor_required(self.request.user),
        }

    def get(self, request):
        # Every opening shows a new secret, held by this session only (two_factor.begin_set_up).
        return self.render_to_response(self.context(AppCodeForm(), two_factor.begin_set_up(request)))

    def post(self, request):
        form = AppCodeForm(request.POST)
        device = two_factor.pending_authenticator(request)
        if device is None:
            form.is_valid()
            form.add_error("code", _("設定頁已更新，請重新掃描下方 QR 碼後再輸入驗證碼。"))
            return self.render_to_response(self.context(form, two_factor.begin_set_up(request)))
        if form.is_valid():
            codes, error = two_factor.confirm_authenticator(request, device, form.cleaned_data["code"])
            if codes is not None:
                return self.response_class(
                    request=request,
                    template="credentials/recovery_codes.html",
                    using=self.template_engine,
                    context={"codes": codes, "next": _next(request), "first_time": True},
                )
            form.add_error("code", error)
            device = two_factor.pending_authenticator(request) or two_factor.begin_set_up(request)
        return self.render_to_response(self.context(form, device))


class AccountPageMixin(WagtailAdminTemplateMixin):
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [
            {"url": reverse("wagtailadmin_account"), "label": _("帳號設定")},
            {"url": "", "label": self.get_page_title()},
        ]


class ConfirmWithCodeView(AccountPageMixin, View):
    """A change to one's own two-factor sign-in, confirmed by a current code from the app.

    Subclasses say what the page explains (``render``) and what happens once the code is
    right (``confirmed``).
    """

    template_name = "credentials/confirm_with_code.html"

    def dispatch(self, request, *args, **kwargs):
        if not two_factor.has_two_factor(request.user):
            return redirect("wagtailadmin_account")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(AppCodeForm())

    def post(self, request):
        form = AppCodeForm(request.POST)
        if form.is_valid():
            result = two_factor.verify(request, form.cleaned_data["code"])
            if result.ok:
                return self.confirmed(request)
            form.add_error("code", result.error)
        return self.render(form)


@method_decorator([never_cache, sensitive_post_parameters("code")], name="dispatch")
class RenewRecoveryCodesView(ConfirmWithCodeView):
    """New recovery codes (the old ones stop working), after a code from the app."""

    page_title = gettext_lazy("重新產生復原碼")

    def render(self, form):
        return self.render_to_response(
            self.get_context_data(
                form=form,
                action_url=reverse("credentials_recovery_codes"),
                button=_("重新產生復原碼"),
                explanation=_("重新產生後，舊的復原碼全部失效。新的 10 組復原碼只顯示這一次，請抄寫或列印後妥善保存。"),
            )
        )

    def confirmed(self, request):
        codes = two_factor.renew_recovery_codes(request.user)
        account_policy().log_event(
            request.user,
            log_actions.RECOVERY_CODES_RENEWED,
            by=request.user,
            reason=_("使用者重新產生復原碼，舊的復原碼全部失效。"),
        )
        return self.response_class(
            request=request,
            template="credentials/recovery_codes.html",
            using=self.template_engine,
            context={"codes": codes, "next": reverse("wagtailadmin_account"), "first_time": False},
        )


@method_decorator([never_cache, sensitive_post_parameters("code")], name="dispatch")
class TurnOffView(ConfirmWithCodeView):
    """Remove one's own authenticator: to change phones, or (if optional) to stop using it."""

    def get_page_title(self):
        return _("更換驗證裝置") if two_factor.required_by_role(self.request.user) else _("關閉兩步驟驗證")

    def render(self, form):
        if two_factor.required_by_role(self.request.user):
            explanation = _("您的角色必須使用兩步驟驗證：移除目前的驗證裝置後，會立即請您用新手機重新設定。")
        else:
            explanation = _("關閉後，登入只需要密碼。您可以隨時在帳號設定中重新開啟。")
        return self.render_to_response(
            self.get_context_data(
                form=form,
                action_url=reverse("credentials_two_factor_turn_off"),
                button=self.get_page_title(),
                explanation=explanation,
                serious=True,
            )
        )

    def confirmed(self, request):
        two_factor.turn_off(request)
        if two_factor.required_by_role(request.user):
            return redirect("credentials_two_factor_set_up")
        messages.success(request, _("已關閉兩步驟驗證。"))
        return redirect("wagtailadmin_account")


@method_decorator(never_cache, name="dispatch")
class ResetView(WagtailAdminTemplateMixin, View):
    """「重設兩步驟驗證」 of another account (lost phone), with a reason for the record."""

    template_name = "credentials/reset.html"
    header_icon = "key"
    page_title = gettext_lazy("重設兩步驟驗證")

    def dispatch(self, request, pk):
        self.target = get_object_or_404(get_user_model(), pk=pk)
        if not two_factor.may_reset_two_factor(request.user, self.target):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.target.get_username()

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [
            {"url": reverse("credentials_two_factor_accounts"), "label": _("重設兩步驟驗證")},
            {"url": "", "label": str(self.target)},
        ]

    def render(self, form):
        return self.render_to_response(
            self.get_context_data(
                form=form,
                target=self.target,
                has_two_factor=two_factor.has_two_factor(self.target),
                action_url=reverse("credentials_two_factor_reset", args=[self.target.pk]),
                back_url=reverse("credentials_two_factor_accounts"),
            )
        )

    def get(self, request, pk):
        return self.render(ResetForm())

    def post(self, request, pk):
        form = ResetForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        if not two_factor.has_two_factor(self.target):
            messages.warning(request, _("「%(user)s」沒有設定兩步驟驗證，不需要重設。") % {"user": self.target})
        else:
            two_factor.reset_two_factor(self.target, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(
                request,
                _("已重設「%(user)s」的兩步驟驗證並登出其所有工作階段；下次登入時需重新設定。") % {"user": self.target},
            )
        return redirect("credentials_two_factor_accounts")


@method_decorator(never_cache, name="dispatch")
class ResetListView(WagtailAdminTemplateMixin, View):
    """「重設兩步驟驗證」: the accounts a manager may reset (account managers have no user admin)."""

    template_name = "credentials/reset_list.html"
    header_icon = "key"
    page_title = gettext_lazy("重設兩步驟驗證")
    per_page = 50

    def dispatch(self, request, *args, **kwargs):
        if not account_policy().user_can(request.user, MANAGE_ACCOUNTS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        from django.core.paginator import Paginator

        query = (request.GET.get("q") or "").strip()[:150]
        accounts = two_factor.accounts_resettable_by(request.user).select_related("membership__unit")
        if query:
            accounts = accounts.filter(username__icontains=query)
        page = Paginator(accounts.order_by("username"), self.per_page).get_page(request.GET.get("p"))
        return self.render_to_response(self.get_context_data(page=page, query=query))


@method_decorator(never_cache, name="dispatch")
class EmailConfirmView(AccountPageMixin, View):
    """The link mailed to a new address: GET shows a button (mail scanners fetch links), POST
    changes the address (``email_change.confirm_change``). Only for the account that asked."""

    template_name = "credentials/email_confirm.html"
    page_title = gettext_lazy("確認變更電子信箱")

    def refused(self, error):
        response = self.render_to_response(self.get_context_data(error=str(error)))
        response.status_code = 400
        return response

    def get(self, request, token):
        try:
            new_email = read_token(request.user, token)
        except EmailChangeRefused as error:
            return self.refused(error)
        return self.render_to_response(
            self.get_context_data(new_email=new_email, action_url=reverse("credentials_email_confirm", args=[token]))
        )

    def post(self, request, token):
        try:
            new_email = confirm_change(request.user, token)
        except EmailChangeRefused as error:
            return self.refused(error)
        messages.success(request, _("電子信箱已變更為 %(email)s。") % {"email": new_email})
        return redirect("wagtailadmin_account")
