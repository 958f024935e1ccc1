from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VouchersConfig(AppConfig):
    name = "gehoord.vouchers"
    verbose_name = _("Bloemenbonnen")

    def ready(self) -> None:
        from gehoord.cases.lifecycle import register_after_step
        from gehoord.vouchers.services import voucher_after_step

        # A decision with a (partly) founded part makes a voucher due, in the decision's transaction.
        register_after_step(voucher_after_step)

        from gehoord.vouchers import personal_data

        # The voucher's note: exported and erased by privacy, through the core registry.
        personal_data.register()

        from gehoord.accounts import navigation
        from gehoord.accounts.access import is_coordinator

        navigation.register(
            navigation.Screen(_("Bloemenbonnen"), "vouchers:overview", is_coordinator, order=90, more=True)
        )
