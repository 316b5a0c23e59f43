"""The REST API over a store of our fixtures: filters, profiles, articles, errors, security."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest
from fastapi.testclient import TestClient

from dateline.serve import CSP, create_app
from dateline.store import Store


@pytest.fixture(scope="module")
def client(served_db) -> Iterator[TestClient]:
    with TestClient(create_app(served_db)) as c:
        yield c


def events(client: TestClient, **params) -> dict:
    response = client.get("/api/events", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()


def test_stats_match_the_store(client, served_db):
    stats = client.get("/api/stats").json()
    with Store(served_db, read_only=True) as store:
        counts = store.counts()
    assert stats["counts"]["articles"] == counts["articles"] >= 12
    assert stats["counts"]["events"] == counts["events"] > 10
    assert sum(t["events"] for t in stats["by_type"]) == counts["events"]
    assert stats["top_actors"] and stats["top_countries"]


def test_events_filters_each_narrow_to_what_they_say(client):
    everything = events(client)
    assert everything["total"] == len(everything["items"])
    for item in everything["items"]:
        assert item["evidence"]["text"] and item["evidence"]["doc_id"]
    consult = events(client, type="CONSULT")["items"]
    assert consult and all(e["type"] == "CONSULT" for e in consult)
    two = events(client, type=["CONSULT", "ACCUSE"])["items"]
    assert {e["type"] for e in two} == {"CONSULT", "ACCUSE"}
    name = next(e["actors"][0] for e in everything["items"] if e["actors"])
    by_actor = events(client, actor=name.lower()[:5])["items"]
    assert by_actor and all(any(name.lower()[:5] in a.lower() for a in e["actors"]) for e in by_actor)
    with_recipient = next(e for e in everything["items"] if e["recipients"])
    by_recipient = events(client, recipient=with_recipient["recipients"][0])["items"]
    assert with_recipient["event_key"] in {e["event_key"] for e in by_recipient}
    placed = next(e for e in everything["items"] if e["place"] and e["place"]["country"])
    by_country = events(client, country=placed["place"]["country"])["items"]
    assert by_country and all(e["place"]["country"] == placed["place"]["country"] for e in by_country)
    days = sorted(e["day"] for e in everything["items"] if e["day"] and len(e["day"]) == 10)
    middle = days[len(days) // 2]
    later = events(client, since=middle)["items"]
    assert later and all(e["day"] >= middle for e in later)
    earlier = events(client, until=middle)["items"]
    assert earlier and all(e["day"] <= middle for e in earlier)
    dated = {e["event_key"] for e in everything["items"] if e["day"] and len(e["day"]) == 10}
    assert dated <= {e["event_key"] for e in later} | {e["event_key"] for e in earlier}


def test_bbox_modality_and_actor_country(client):
    everything = events(client)["items"]
    placed = next(e for e in everything if e["place"])
    lat, lon = placed["place"]["lat"], placed["place"]["lon"]
    box = f"{lon - 1},{lat - 1},{lon + 1},{lat + 1}"
    inside = events(client, bbox=box)["items"]
    assert placed["event_key"] in {e["event_key"] for e in inside}
    assert all(abs(e["place"]["lat"] - lat) <= 1 and abs(e["place"]["lon"] - lon) <= 1 for e in inside)
    # A box on the other side of the globe, away from the place.
    opposite = (lon + 180) % 360 - 180
    far_lat = -lat if abs(lat) > 2 else 60
    far = f"{opposite - 1},{far_lat - 1},{opposite + 1},{far_lat + 1}"
    assert placed["event_key"] not in {e["event_key"] for e in events(client, bbox=far)["items"]}
    asserted = events(client, modality="asserted")["items"]
    assert asserted and all("asserted" in e["modalities"] for e in asserted)
    assert events(client, actor_country="PHL")["total"] >= 1
    assert events(client, actor_country="ZZZ")["total"] == 0


def test_pagination_and_sorting_are_stable(client):
    whole = events(client, sort="day")["items"]
    days = [e["day"] for e in whole if e["day"]]
    assert days == sorted(days)
    pages = [events(client, sort="day", limit=5, offset=o) for o in range(0, len(whole), 5)]
    assert [e["event_key"] for p in pages for e in p["items"]] == [e["event_key"] for e in whole]
    assert all(p["total"] == len(whole) for p in pages)
    beyond = events(client, offset=len(whole) + 10)
    assert beyond["items"] == [] and beyond["total"] == len(whole)
    mentions = [e["num_mentions"] for e in events(client, sort="-mentions")["items"]]
    assert mentions == sorted(mentions, reverse=True)


def test_actor_profile(client):
    profile = client.get("/api/actors/Siregar").json()
    if "error" in profile:  # the speaker's full name is what the store keys
        name = client.get("/api/actors", params={"q": "Siregar"}).json()[0]["name"]
        profile = client.get(f"/api/actors/{name}").json()
    assert profile["quotes_by"] and all(
        q["speaker"] and "Siregar" in q["speaker"] for q in profile["quotes_by"]
    )
    busiest = client.get("/api/stats").json()["top_actors"][0]["name"]
    profile = client.get(f"/api/actors/{busiest}").json()
    assert profile["events_total"] >= 1 and profile["events"]
    assert all(busiest in e["actors"] + e["recipients"] for e in profile["events"])
    assert sum(m["events"] for m in profile["by_month"]) <= profile["events_total"]
    co = {c["name"] for c in profile["co_actors"]}
    assert busiest not in co
    assert co <= {n for e in profile["events"] for n in e["actors"] + e["recipients"]}


def test_quotes_about_an_actor_mention_it(client, served_db):
    with Store(served_db, read_only=True) as store:
        row = store.con.execute(
            """SELECT en.name FROM quotes q JOIN mentions m ON m.doc_id = q.doc_id
               AND m.start_char >= q.start_char AND m.end_char <= q.end_char
               JOIN entities en ON en.doc_id = m.doc_id AND en.id = m.entity_id
               WHERE q.speaker IS DISTINCT FROM en.id LIMIT 1"""
        ).fetchone()
    if row is None:
        pytest.skip("no quote in the fixtures names another entity")
    profile = client.get(f"/api/actors/{row[0]}").json()
    assert profile["quotes_about"]
    assert all(row[0].split()[-1].casefold() in q["text"].casefold() for q in profile["quotes_about"][:1])


def test_article_with_every_annotation_and_offsets(client):
    first = events(client)["items"][0]["evidence"]
    found = client.get(f"/api/articles/{first['doc_id'][:10]}").json()
    doc = found["document"]
    text = doc["article"]["text"]
    assert doc["id"] == first["doc_id"] and doc["schema"] == "dateline/1"
    for e in doc["entities"]:
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for t in doc["times"]:
        assert text[t["start"] : t["end"]] == t["text"]
    for ev in doc["events"]:
        assert text[ev["evidence"]["start"] : ev["evidence"]["end"]] == ev["evidence"]["text"]
        assert ev["id"] in found["event_keys"]
    assert text[first["start"] : first["end"]] == first["text"]


def test_search(client):
    found = client.get("/api/search", params={"q": "Siregar"}).json()
    assert found["total"] >= 1
    for item in found["items"]:
        snippet = item["snippet"]
        assert snippet["marks"]
        s, e = snippet["marks"][0]
        assert snippet["text"][s:e].casefold() == "siregar"
    assert client.get("/api/search", params={"q": "zzqx-nothing"}).json()["total"] == 0
    both = client.get("/api/search", params={"q": '"Siregar" zzqx-nothing'}).json()
    assert both["total"] == 0 and both["terms"] == ["Siregar", "zzqx-nothing"]
    wild = client.get("/api/search", params={"q": "%"}).json()
    assert wild["total"] < client.get("/api/stats").json()["counts"]["articles"]


def test_timeline_graph_and_places(client):
    line = client.get("/api/timeline").json()
    total = sum(b["total"] for b in line["buckets"])
    assert 0 < total <= events(client)["total"]
    assert all(sum(b["by_quad"].values()) == b["total"] for b in line["buckets"])
    graph = client.get("/api/graph").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["edges"] and all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    spots = client.get("/api/places").json()
    assert spots and all(
        -90 <= s["lat"] <= 90 and -180 <= s["lon"] <= 180 and s["events"] >= 1 for s in spots
    )


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/events?type=BOGUS", 422, "unknown event type"),
        ("/api/events?modality=maybe", 422, "unknown modality"),
        ("/api/events?limit=501", 422, "limit"),
        ("/api/events?limit=0", 422, "limit"),
        ("/api/events?since=yesterday", 422, "since"),
        ("/api/events?bbox=1,2,3", 422, "bbox"),
        ("/api/events?bbox=0,80,10,70", 422, "bbox"),
        ("/api/events?sort=evidence;DROP TABLE events", 422, "sort"),
        ("/api/events?country=Peru", 422, "country"),
        ("/api/search?q=" + "x" * 201, 422, "q"),
        ("/api/search", 422, "q"),
        ("/api/events?actor=" + "a" * 3000, 414, "query string"),
        ("/api/actors/nobody-by-this-name", 404, "no actor"),
        ("/api/articles/abc", 422, "article id"),
        ("/api/articles/ffffffffffff", 404, "no single article"),
        ("/api/nothing-here", 404, "Not Found"),
    ],
)
def test_errors_are_json_with_a_message(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert body["status"] == status and words in body["error"]


def test_read_only(client, served_db):
    assert client.post("/api/events").status_code == 405
    assert client.delete("/api/articles/ffffffffffff").status_code == 405
    # The server reads an in-memory copy; the store file itself is not attached to it.
    cur = client.app.state.read.cursor()
    for statement in ("CREATE TABLE store.x (a INTEGER)", "DROP TABLE store.events"):
        with pytest.raises(duckdb.Error):
            cur.execute(statement)
    # ...so a writer can open the store while the server runs.
    with Store(served_db) as store:
        assert store.counts()["articles"] > 0


def test_security_headers_everywhere(client):
    for url in ("/", "/api/stats", "/static/app.js", "/api/nothing", "/openapi.json"):
        response = client.get(url)
        assert response.headers["content-security-policy"] == CSP, url
        assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/static/../pyproject.toml",
        "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2f..%2fpyproject.toml",
        "/static/%2e%2e%2fserve.py",
        "/static//etc/passwd",
        "/static/vendor/../../serve.py",
    ],
)
def test_static_files_stay_in_their_folder(client, path):
    response = client.get(path)
    assert response.status_code in (404, 400), path
    assert (
        "[project]" not in response.text
        and "root:" not in response.text
        and "def create_app" not in response.text
    )


def test_page_docs_and_assets_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text and "<script>" not in page.text
    assert client.get("/static/vendor/countries-110m.json").json()["type"] == "Topology"
    assert client.get("/docs").status_code == 200
    assert client.get("/swagger/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {
        "/api/events",
        "/api/actors/{name}",
        "/api/articles/{doc_id}",
        "/api/search",
        "/api/stats",
    } <= set(spec["paths"])
