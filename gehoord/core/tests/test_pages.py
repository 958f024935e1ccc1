from django.urls import reverse


def test_home_page_names_the_municipality(client, db):
    response = client.get(reverse("home"), follow=True)
    assert response.status_code == 200
    assert "Klachten? Vertel het de gemeente!" in response.content.decode()
    assert "Gemeente Voorbeeldstad" in response.content.decode()


def test_login_page_renders(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


def test_failed_login_explains_in_dutch(client, db):
    response = client.post(reverse("login"), {"username": "niemand", "password": "fout"})
    assert response.status_code == 200
    assert "Inloggen lukte niet" in response.content.decode()
