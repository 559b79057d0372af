from __future__ import annotations

from django.urls import include, path

from storegate.web.views import accounts as account_views
from storegate.web.views import home as home_views
from storegate.web.views import merchant_collaborators as collab_views
from storegate.web.views import merchant_users as users_views
from storegate.web.views import onboarding as onboarding_views
from storegate.web.views import partner_stores as partner_views
from storegate.web.views import partner_team as team_views
from storegate.web.views import store_home as store_home_views

S = "stores/<int:store_id>/"
C = S + "settings/collaborators/"
P = "partners/<int:org_id>/"

urlpatterns = [
    path("", home_views.index, name="index"),
    path("login/", account_views.login_view, name="login"),
    path("logout/", account_views.logout_view, name="logout"),
    path("signup/", onboarding_views.signup_view, name="signup"),
    path("account/", account_views.account_view, name="account"),
    path("account/language/", account_views.language_view, name="language"),
    path("account/two-factor/", account_views.two_factor_view, name="two_factor"),
    path("mailbox/", home_views.mailbox, name="mailbox"),
    path("stores/new/", onboarding_views.store_new, name="store_new"),
    path(
        "staff-invitations/<str:token>/",
        onboarding_views.staff_invitation,
        name="staff_invitation",
    ),
    # Partner dashboard
    path("partners/", team_views.partner_home, name="partner_home"),
    path("partners/switch/", team_views.switch_organization, name="partner_switch"),
    path(P + "stores/", partner_views.store_list, name="partner_stores"),
    path(P + "stores/request/", partner_views.request_access, name="partner_request_access"),
    path(
        P + "stores/request/permissions/",
        partner_views.request_permissions,
        name="partner_request_permissions",
    ),
    path(
        P + "requests/<int:request_id>/cancel/",
        partner_views.request_cancel,
        name="partner_request_cancel",
    ),
    path(P + "stores/<int:store_id>/login/", partner_views.store_login, name="partner_store_login"),
    path(
        P + "stores/<int:store_id>/remove-access/",
        partner_views.access_remove,
        name="partner_access_remove",
    ),
    path(P + "stores/<int:store_id>/hide/", partner_views.store_hide, name="partner_store_hide"),
    path(P + "team/", team_views.team, name="partner_team"),
    # Merchant admin: Home and Settings → Users and permissions
    path(S, store_home_views.store_home, name="store_home"),
    path(S + "settings/users/", users_views.users_and_permissions, name="store_users"),
    path(
        S + "settings/users/code/regenerate/",
        users_views.code_regenerate,
        name="store_code_regenerate",
    ),
    path(
        S + "settings/users/code/required/", users_views.code_required, name="store_code_required"
    ),
    path(S + "settings/users/staff/invite/", users_views.staff_invite_view, name="staff_invite"),
    path(S + "settings/users/staff/<int:staff_id>/", users_views.staff_edit, name="staff_edit"),
    path(
        S + "settings/users/staff/<int:staff_id>/remove/",
        users_views.staff_remove_view,
        name="staff_remove",
    ),
    path(
        C + "permissions/", collab_views.preset_permissions, name="collaborator_preset_permissions"
    ),
    path(C + "requests/<int:request_id>/", collab_views.request_review, name="request_review"),
    path(
        C + "requests/<int:request_id>/decline/",
        collab_views.request_decline,
        name="request_decline",
    ),
    path(C + "<int:access_id>/", collab_views.collaborator_edit, name="collaborator_edit"),
    path(
        C + "<int:access_id>/suspend/",
        collab_views.collaborator_suspend,
        name="collaborator_suspend",
    ),
    path(
        C + "<int:access_id>/resume/", collab_views.collaborator_resume, name="collaborator_resume"
    ),
    path(
        C + "<int:access_id>/remove/", collab_views.collaborator_remove, name="collaborator_remove"
    ),
    # Commerce sections (R19)
    path(S, include("storegate.commerce.orders.urls")),
    path(S, include("storegate.commerce.catalogue.urls")),
    path(S, include("storegate.commerce.inventory.urls")),
    path(S, include("storegate.commerce.customers.urls")),
    path(S, include("storegate.commerce.marketing.urls")),
    path(S, include("storegate.commerce.storefront.urls")),
    path(S, include("storegate.commerce.reports.urls")),
    path(S, include("storegate.commerce.settings.urls")),
    path("", include("storegate.web.urls_automation")),
]
