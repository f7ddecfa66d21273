"""Hand-edited query strings get the form's 400 with its message, never a server error."""

import pytest

PAGES = [
    "/",
    "/breakdowns/measure/",
    "/breakdowns/channel/?by=year",
    "/projects/",
    "/organisations/",
]
HOSTILE = ["999999999999999999999", "-999999999999999999999", "9223372036854775808", "1\x00", "x"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("value", HOSTILE)
def test_a_measure_id_no_column_can_hold_is_refused_with_a_message(superuser_client, page, value):
    separator = "&" if "?" in page else "?"
    response = superuser_client.get(f"{page}{separator}", {"measure": value})
    assert response.status_code == 400
    text = response.content.decode()  # a NUL byte is refused before the form sees it
    assert "is not a valid value" in text or "holds a control character" in text


def test_a_measure_id_that_fits_but_does_not_exist_is_refused_too(superuser_client):
    response = superuser_client.get("/breakdowns/measure/", {"measure": "9223372036854775807"})
    assert response.status_code == 400
