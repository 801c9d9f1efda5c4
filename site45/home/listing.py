"""Filtering and pagination of a content-type index (county, owning unit, date range)."""

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from site45.core.widgets import PlainSelect
from site45.governance.models import Unit

from .counties import COUNTY_CHOICES


class ListingFilterForm(forms.Form):
    county = forms.ChoiceField(label=_("縣市"), required=False, widget=PlainSelect)
    unit = forms.ChoiceField(label=_("發布單位"), required=False, widget=PlainSelect)
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("結束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, has_county=True, **kwargs):
        super().__init__(*args, **kwargs)
        if has_county:
            self.fields["county"].choices = [("", _("全部縣市"))] + list(COUNTY_CHOICES)
        else:
            del self.fields["county"]
        self.fields["unit"].choices = [("", _("全部單位"))] + [
            (u.code, u.display_name) for u in Unit.objects.publishing().order_by("code")
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            del cleaned["date_from"], cleaned["date_to"]
            raise forms.ValidationError(_("起始日期不可晚於結束日期。"))
        return cleaned


def apply_filters(queryset, model, data):
    if data.get("county"):
        queryset = queryset.filter(county=data["county"])
    if data.get("unit"):
        queryset = queryset.filter(unit__code=data["unit"])
    date_lookup = model.date_field
    if data.get("date_from"):
        queryset = queryset.filter(
            **{f"{date_lookup}__date__gte" if model.date_is_datetime else f"{date_lookup}__gte": data["date_from"]}
        )
    if data.get("date_to"):
        queryset = queryset.filter(
            **{f"{date_lookup}__date__lte" if model.date_is_datetime else f"{date_lookup}__lte": data["date_to"]}
        )
    return queryset


def filtered_listing(index_page, request):
    model = index_page.listed_model
    form = ListingFilterForm(request.GET or None, has_county=model.has_county)
    queryset = index_page.listing()
    if form.is_bound:
        # Valid fields still filter when another field is wrong; the form shows the error.
        form.is_valid()
        queryset = apply_filters(queryset, model, form.cleaned_data)
    paginator = Paginator(queryset, index_page.paginate_by)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "page_obj": page_obj,
        "pages": page_obj.object_list,
        "filter_query": query.urlencode(),
    }
