def test_admin_speaks_zh_hant_by_default(site_tree, admin_client):
    response = admin_client.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hant"' in html
    assert "控制面板" in html  # Wagtail's own zh-Hant catalogue


def test_page_editor_labels_are_zh_hant(site_tree, admin_client):
    from site45.home.models import UnitPage

    section = UnitPage.objects.get(unit__code="TW-TXG", locale__language_code="zh-hant")
    response = admin_client.get(f"/admin/pages/add/news/eventpage/{section.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    for label in ("開始時間", "結束時間", "地點", "縣市", "報名連結", "費用（新臺幣元）", "名額"):
        assert label in html
