"""Fill a fresh database with a network many years old, fast: Core ``insert()`` with lists of dicts (executemany).

Used by ``bench/run.py``; on its own::

    .venv/bin/python -m bench.seed --size small --database sqlite:////tmp/x.db

The database must be new (the schema is made here with the migrations). Every row is invented; the text is
drawn from a small domain vocabulary plus a long tail of made-up words, so full-text search sees common,
middling and rare words. Three words are planted on purpose for the search benchmark: ``RARE_WORD`` in a
handful of records, ``COMMON_WORD`` in about half of them, and ``TWO_WORDS`` in about a fifth.
"""

import argparse
import hashlib
import json
import random
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, func, insert, select, text

SIZES = {"full": 1.0, "small": 0.05}
BENCH_EMAIL = "bench@example.org"
BENCH_PASSWORD = "bench-password-not-secret"  # noqa: S105 - a throwaway scratch database
BENCH_FEED_TOKEN = "bench-feed-token-not-secret"  # noqa: S105
# The bench user is in the core group, who must log in with a second factor: single-use recovery codes,
# one for each log-in the runner makes (the in-process count and the server), never a clock-bound TOTP code.
BENCH_RECOVERY_CODES = ("bench00001", "bench00002", "bench00003", "bench00004")  # 10 characters, as issued
RARE_WORD = "quetzalcoatl"
COMMON_WORD = "cooperation"
TWO_WORDS = "passenger data"
CHUNK = 20_000

DOMAIN = (
    "police information exchange request answer deadline liaison officer channel siena sirene prum interpol "
    "europol warrant alert vehicle firearm fingerprint dna registry database access national contact point "
    "single spoc desk shift staff training language translation legal basis directive framework decision "
    "consent judicial authority prosecutor court border crossing hot pursuit surveillance joint team "
    "investigation cybercrime fraud trafficking drugs migrant smuggling terrorism missing person identity "
    "document forgery case management workflow system ticket priority urgent routine statistics quality "
    "protection privacy retention log audit encryption network secure mail phone night weekend holiday backlog"
).split()


def _tail_words(rng: random.Random, n: int) -> list[str]:
    syllables = ["ka", "lo", "mi", "nu", "ra", "te", "vo", "zi", "pe", "su", "do", "ga", "fi", "ho", "be", "ny"]
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(3, 4))))
    return sorted(words)


class Text:
    """Cheap invented prose: domain words weighted high, a long tail of made-up words."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        tail = _tail_words(rng, 3000)
        self.pool = DOMAIN * 40 + tail  # domain words 40 times as likely as each made-up one

    def words_(self, n: int) -> list[str]:
        return self.rng.choices(self.pool, k=n)

    def title(self) -> str:
        return " ".join(self.words_(self.rng.randint(4, 9))).capitalize()

    def prose(self, lo: int, hi: int, planted: bool = True) -> str:
        words = self.words_(self.rng.randint(lo, hi))
        if planted:
            if self.rng.random() < 0.5:
                words.insert(self.rng.randrange(len(words) + 1), COMMON_WORD)
            if self.rng.random() < 0.2:
                words.insert(self.rng.randrange(len(words) + 1), TWO_WORDS)
        return " ".join(words).capitalize() + "."


class Seeder:
    def __init__(self, connection: Any, size: float, seed: int = 10):
        from app.extensions import db

        self.conn = connection
        self.tables = db.metadata.tables
        self.size = size
        self.rng = random.Random(seed)  # noqa: S311 - invented data, reproducible on purpose
        self.text = Text(self.rng)
        self.audit: list[dict[str, Any]] = []
        self.counts: dict[str, int] = {}
        self.now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
        self.start = self.now - timedelta(days=10 * 365)

    # Helpers ------------------------------------------------------------------------------------------------

    def n(self, full: int, minimum: int = 1) -> int:
        return max(minimum, round(full * self.size))

    def put(self, name: str, rows: list[dict[str, Any]]) -> None:
        table: Table = self.tables[name]
        for i in range(0, len(rows), CHUNK):
            self.conn.execute(insert(table), rows[i:i + CHUNK])
        self.counts[name] = self.counts.get(name, 0) + len(rows)

    def when(self, after: datetime | None = None) -> datetime:
        lo = (after or self.start).timestamp()
        return datetime.fromtimestamp(self.rng.uniform(lo, self.now.timestamp()), UTC)

    def log(self, actor: int | None, record_type: str, record_id: int, action: str, at: datetime,
            from_state: str | None = None, to_state: str | None = None, changes: dict | None = None) -> None:
        self.audit.append({"created_at": at, "actor_id": actor, "record_type": record_type, "record_id": record_id,
                           "action": action, "from_state": from_state, "to_state": to_state, "changes": changes,
                           "note": None})

    def flush_audit(self) -> None:
        self.put("audit_events", self.audit)
        self.audit = []

    # The network ------------------------------------------------------------------------------------------

    def network(self) -> None:
        from app.auth.passwords import hash_password

        orgs = self.conn.execute(text("SELECT id, code, kind FROM organisations ORDER BY id")).all()
        self.states = [o.id for o in orgs if o.kind == "member_state"]
        self.agencies = [o.id for o in orgs if o.kind == "agency"]
        self.council = [o.id for o in orgs if o.kind == "council"]
        self.code = {o.id: o.code for o in orgs}
        self.names = dict(self.conn.execute(text("SELECT id, name FROM organisations")).all())
        self.instruments = [r[0] for r in self.conn.execute(text("SELECT id FROM legal_instruments"))]
        # Presidency terms back to ten years ago, rotating through the Member States (invented order).
        first_seeded = self.conn.execute(text("SELECT min(starts_on) FROM presidency_terms")).scalar()
        first_seeded = first_seeded if isinstance(first_seeded, date) else date.fromisoformat(str(first_seeded))
        terms, year, half = [], self.start.year, 1
        while date(year, 1 if half == 1 else 7, 1) < first_seeded:
            starts = date(year, 1 if half == 1 else 7, 1)
            ends = date(year, 6, 30) if half == 1 else date(year, 12, 31)
            terms.append({"organisation_id": self.states[len(terms) % len(self.states)], "starts_on": starts,
                          "ends_on": ends})
            year, half = (year, 2) if half == 1 else (year + 1, 1)
        self.put("presidency_terms", terms)
        self.terms = [(r.id, _d(r.starts_on), _d(r.ends_on), r.organisation_id) for r in self.conn.execute(
            text("SELECT id, starts_on, ends_on, organisation_id FROM presidency_terms ORDER BY starts_on"))]

        password = hash_password(BENCH_PASSWORD)
        users = [{"id": 1, "email": BENCH_EMAIL, "name": "Bench Core Group", "organisation_id": self.states[10],
                  "role": "core-group", "active": True, "password_hash": password, "session_version": 1,
                  "created_at": self.start, "timezone": "Europe/Brussels",
                  "calendar_token_hash": hashlib.sha256(BENCH_FEED_TOKEN.encode()).hexdigest(),
                  "calendar_token_created_at": self.start, "totp_secret": "BENCHBENCHBENCHBENCHBENCHBENCH22",
                  "totp_enabled_at": self.start}]
        total = self.n(2000, 60)
        orgs_for_users = self.states * 3 + self.agencies + self.council
        for uid in range(2, total + 1):
            org = orgs_for_users[uid % len(orgs_for_users)]
            role = "admin" if org in self.council else ("core-group" if uid % 40 == 0 else "member")
            users.append({"id": uid, "email": f"user{uid}@example.org", "name": f"User {uid}",
                          "organisation_id": org, "role": role, "active": uid % 25 != 0, "password_hash": password,
                          "session_version": 1, "created_at": self.when(), "timezone": "Europe/Brussels",
                          "calendar_token_hash": None, "calendar_token_created_at": None,
                          "totp_secret": None, "totp_enabled_at": None})
        self.put("users", users)
        self.put("recovery_codes", [{"user_id": 1, "code_hash": hashlib.sha256(code.encode()).hexdigest()}
                                    for code in BENCH_RECOVERY_CODES])
        self.users_of: dict[int, list[int]] = {}
        for u in users:
            self.users_of.setdefault(u["organisation_id"], []).append(u["id"])
        self.admins = self.users_of[self.council[0]]
        self.core = [u["id"] for u in users if u["role"] == "core-group"]
        for u in users[1:]:
            self.log(self.admins[0], "users", u["id"], "create", u["created_at"])

    def user_of(self, org: int) -> int:
        return self.rng.choice(self.users_of[org])

    # Obstacles --------------------------------------------------------------------------------------------

    def obstacles(self) -> None:
        rng, total = self.rng, self.n(100_000, 200)
        rare = set(rng.sample(range(1, total + 1), 3))
        flow = ["reported", "under_discussion", "action_agreed", "resolved"]
        obstacles, counterparts, affected, comments, docs = [], [], [], [], []
        comment_id = 0
        for oid in range(1, total + 1):
            org = rng.choice(self.states)
            created = self.when()
            closed = rng.random() < 0.08
            steps = rng.choices(range(4), weights=[40, 25, 20, 15])[0]
            status = "closed" if closed else flow[steps]
            title = self.text.title() + (f" {RARE_WORD}" if oid in rare else "")
            description = self.text.prose(30, 80)
            reporter = self.user_of(org)
            others = [s for s in rng.sample(self.states, 6) if s != org]
            parts, said = others[:rng.randint(0, 3)], others[3:3 + rng.choice((0, 0, 1, 2, 3))]
            last = created
            self.log(reporter, "obstacles", oid, "report", created, to_state="reported",
                     changes={"title": [None, title], "reporting_country": [None, self.code[org]]})
            for i in range(steps if not closed else 0):
                last = self.when(last)
                self.log(rng.choice(self.admins), "obstacles", oid, "move", last, flow[i], flow[i + 1])
            if closed:
                last = self.when(last)
                self.log(rng.choice(self.admins), "obstacles", oid, "close", last, "reported", "closed")
            for country in said:
                at = self.when(created)
                last = max(last, at)
                affected.append({"obstacle_id": oid, "organisation_id": country, "note": "",
                                 "created_by_id": self.user_of(country), "created_at": at})
                self.log(affected[-1]["created_by_id"], "obstacles", oid, "affects_us_too", at,
                         changes={"country": [None, self.code[country]]})
            for _ in range(rng.choice((0, 1, 2, 3, 4, 5, 6))):
                comment_id += 1
                at = self.when(created)
                last = max(last, at)
                author = self.user_of(rng.choice(self.states + self.agencies))
                comments.append({"id": comment_id, "obstacle_id": oid, "author_id": author,
                                 "body": self.text.prose(10, 40, planted=False), "created_at": at})
                self.log(author, "obstacle_comments", comment_id, "comment", at, changes={"obstacle": [None, oid]})
            counterparts += [{"obstacle_id": oid, "organisation_id": c} for c in parts]
            agreed = self.text.prose(8, 20, planted=False) if status in ("action_agreed", "resolved") else None
            obstacles.append({
                "id": oid, "title": title, "description": description, "kind": rng.choice(KINDS),
                "impact": rng.choice(("low", "medium", "high")), "instrument_id": rng.choice(self.instruments),
                "reporting_org_id": org, "reported_by_id": reporter, "status": status, "created_at": created,
                "last_activity_at": last, "affected_count": len(said), "agreed_action": agreed,
                "action_owner_id": org if agreed else None,
                "action_due_on": (last + timedelta(days=90)).date() if agreed else None,
                "resolution": self.text.prose(8, 20, planted=False) if status == "resolved" else None,
                "closed_reason": "Duplicate." if closed else None, "version": 1})
            docs.append({"record_type": "obstacles", "record_id": oid, "title": title,
                         "body": "\n".join(filter(None, [description, agreed, obstacles[-1]["resolution"],
                                                         self.names[org], ", ".join(self.names[c] for c in parts)])),
                         "visibility": "all", "owner_org_id": None, "updated_at": last})
            if len(obstacles) >= CHUNK:
                self._flush_obstacles(obstacles, counterparts, affected, comments)
        self._flush_obstacles(obstacles, counterparts, affected, comments)
        self.search_docs = docs
        self.obstacle_total = total

    def _flush_obstacles(self, *batches: list) -> None:
        for name, rows in zip(("obstacles", "obstacle_counterparts", "obstacle_affected", "obstacle_comments"),
                              batches, strict=True):
            self.put(name, rows)
            rows.clear()
        self.flush_audit()

    # Best practices ---------------------------------------------------------------------------------------

    def practices(self) -> None:
        rng, total = self.rng, self.n(100_000, 200)
        rare = set(rng.sample(range(1, total + 1), 2))
        tags = [{"id": i + 1, "name": w} for i, w in enumerate(sorted(set(DOMAIN))[:60])]
        self.put("tags", tags)
        practices, p_instruments, p_tags, adoptions, comments, links = [], [], [], [], [], []
        comment_id = 0
        for pid in range(1, total + 1):
            org = rng.choice(self.states)
            author = self.user_of(org)
            created = self.when()
            status = rng.choices(("draft", "submitted", "endorsed", "archived"), weights=[8, 40, 45, 7])[0]
            title = self.text.title() + (f" {RARE_WORD}" if pid in rare else "")
            summary, body = self.text.prose(15, 30), self.text.prose(60, 140, planted=False)
            submitted = self.when(created) if status != "draft" else None
            endorsed = self.when(submitted) if status == "endorsed" else None
            self.log(author, "best_practices", pid, "create", created, to_state="draft",
                     changes={"title": [None, title]})
            if submitted:
                self.log(author, "best_practices", pid, "submit", submitted, "draft", "submitted")
            if endorsed:
                self.log(rng.choice(self.admins), "best_practices", pid, "endorse", endorsed, "submitted", "endorsed")
            if status == "archived":
                self.log(rng.choice(self.admins), "best_practices", pid, "archive", self.when(submitted),
                         "submitted", "archived")
            my_tags = rng.sample(tags, rng.randint(0, 3))
            p_tags += [{"practice_id": pid, "tag_id": t["id"]} for t in my_tags]
            p_instruments += [{"practice_id": pid, "instrument_id": i}
                              for i in rng.sample(self.instruments, rng.randint(1, 2))]
            adopters = [] if status != "endorsed" else [s for s in rng.sample(self.states, 4) if s != org][
                :rng.choice((0, 1, 2, 3))]
            for country in adopters:
                at = self.when(endorsed)
                adoptions.append({"practice_id": pid, "organisation_id": country, "note": "",
                                  "created_by_id": self.user_of(country), "created_at": at})
                self.log(adoptions[-1]["created_by_id"], "best_practices", pid, "adopt", at,
                         changes={"country": [None, self.code[country]]})
            for _ in range(rng.choice((0, 0, 1, 1, 2)) if submitted else 0):
                comment_id += 1
                at = self.when(submitted)
                who = self.user_of(rng.choice(self.states + self.agencies))
                comments.append({"id": comment_id, "practice_id": pid, "author_id": who,
                                 "body": self.text.prose(10, 40, planted=False), "created_at": at})
                self.log(who, "practice_comments", comment_id, "comment", at, changes={"practice": [None, pid]})
            if rng.random() < 0.1:
                links.append({"practice_id": pid, "obstacle_id": rng.randint(1, self.obstacle_total)})
            practices.append({
                "id": pid, "title": title, "summary": summary, "body": body, "topic": rng.choice(TOPICS),
                "country_id": org, "created_by_id": author, "status": status, "created_at": created,
                "submitted_at": submitted, "endorsed_on": endorsed.date() if endorsed else None,
                "endorsed_at_occasion": "Meeting of the network" if endorsed else None,
                "archived_reason": "Superseded." if status == "archived" else None,
                "adoption_count": len(adopters), "version": 1})
            self.search_docs.append({
                "record_type": "practices", "record_id": pid, "title": title,
                "body": "\n".join([summary, body, " ".join(sorted(t["name"] for t in my_tags)), self.names[org]]),
                "visibility": "all" if submitted else "country", "owner_org_id": org,
                "updated_at": submitted or created})
            if len(practices) >= CHUNK:
                self._flush_practices(practices, p_instruments, p_tags, adoptions, comments, links)
        self._flush_practices(practices, p_instruments, p_tags, adoptions, comments, links)

    def _flush_practices(self, *batches: list) -> None:
        names = ("best_practices", "practice_instruments", "practice_tags", "practice_adoptions",
                 "practice_comments", "obstacle_practice_links")
        for name, rows in zip(names, batches, strict=True):
            self.put(name, rows)
            rows.clear()
        self.flush_audit()

    # Roster -----------------------------------------------------------------------------------------------

    def roster(self) -> None:
        from app.roster.vocabulary import EXPERTISE_AREAS, LANGUAGES, LEVELS

        rng, total = self.rng, self.n(28_000, 40)
        areas, languages, levels = list(EXPERTISE_AREAS), list(LANGUAGES), list(LEVELS)
        experts, e_langs, nominations, n_langs, reviews = [], [], [], [], []
        for i in range(1, total + 1):
            org = rng.choice(self.states)
            nominator = self.user_of(org)
            created = self.when()
            status = rng.choices(("accepted", "submitted", "under_review", "declined", "withdrawn"),
                                 weights=[70, 8, 8, 9, 5])[0]
            name = f"Expert {i} {rng.choice(DOMAIN).capitalize()}"
            my_areas = ",".join(rng.sample(areas, rng.randint(1, 3)))
            langs = rng.sample(languages, 2)
            decided = self.when(created) if status in ("accepted", "declined") else None
            expert_id = None
            if status == "accepted":
                expert_id = i
                experts.append({"id": i, "organisation_id": org, "name": name, "email": f"expert{i}@example.org",
                                "position": "SPOC officer", "days_per_year": rng.randint(5, 30),
                                "unavailable_periods": "", "consent_on": created.date(), "accepted_on": decided.date(),
                                "review_by": decided.date() + timedelta(days=730),
                                "status": "active" if rng.random() < 0.85 else "retired", "created_at": decided,
                                "expertise_areas": my_areas})
                e_langs += [{"expert_id": i, "language": lang, "level": rng.choice(levels)} for lang in langs]
                self.log(rng.choice(self.core), "experts", i, "add_to_roster", decided)
            nominations.append({
                "id": i, "organisation_id": org, "nominated_by_id": nominator, "expert_id": expert_id, "name": name,
                "email": f"expert{i}@example.org", "position": "SPOC officer", "days_per_year": 10,
                "unavailable_periods": "", "motivation": self.text.prose(10, 30, planted=False), "consent": True,
                "consent_on": created.date(), "status": status, "decision_message": "", "decided_at": decided,
                "created_at": created, "expertise_areas": my_areas, "version": 1})
            n_langs += [{"nomination_id": i, "language": lang, "level": rng.choice(levels)} for lang in langs]
            self.log(nominator, "nominations", i, "submit", created, to_state="submitted")
            if status in ("under_review", "accepted", "declined"):
                reviewer = rng.choice(self.core)
                reviews.append({"nomination_id": i, "reviewer_id": reviewer, "score_expertise": rng.randint(1, 5),
                                "score_training": rng.randint(1, 5), "score_languages": rng.randint(1, 5),
                                "score_availability": rng.randint(1, 5), "notes": "", "created_at": created})
                self.log(reviewer, "nominations", i, "start_review", created, "submitted", "under_review")
            if decided:
                self.log(rng.choice(self.core), "nominations", i, "accept" if status == "accepted" else "decline",
                         decided, "under_review", status)
        self.put("experts", experts)
        self.put("expert_languages", e_langs)
        self.put("nominations", nominations)
        self.put("nomination_languages", n_langs)
        self.put("nomination_reviews", reviews)
        expert_ids = [e["id"] for e in experts]
        trainings, trainers, participants = [], [], []
        for tid in range(1, self.n(1000, 20) + 1):
            starts = self.when().date()
            status = "delivered" if starts < self.now.date() and rng.random() < 0.8 else rng.choice(
                ("proposed", "planned", "cancelled"))
            trainings.append({"id": tid, "title": self.text.title(), "aim": self.text.prose(10, 30, planted=False),
                              "target_audience": "SPOC staff", "starts_on": starts,
                              "ends_on": starts + timedelta(days=rng.randint(0, 4)), "online": rng.random() < 0.3,
                              "place": "Budapest", "organiser_id": rng.choice([None, *self.states[:5]]),
                              "languages": "en", "status": status, "created_by_id": rng.choice(self.core),
                              "created_at": self.start, "expertise_areas": rng.choice(areas), "version": 1})
            for expert in rng.sample(expert_ids, min(2, len(expert_ids))):
                trainers.append({"training_id": tid, "expert_id": expert, "status": "confirmed",
                                 "proposed_by_id": rng.choice(self.core), "created_at": self.start})
            if status == "delivered":
                participants += [{"training_id": tid, "organisation_id": o, "participants": rng.randint(1, 6)}
                                 for o in rng.sample(self.states, 3)]
            self.log(rng.choice(self.core), "training_activities", tid, "create", self.start, to_state="proposed")
        self.put("training_activities", trainings)
        self.put("training_trainers", trainers)
        self.put("training_participants", participants)
        self.flush_audit()

    # Meetings ---------------------------------------------------------------------------------------------

    def meetings(self) -> None:
        rng, total = self.rng, self.n(2000, 50)
        first, last = self.terms[0][1], self.terms[-1][2]
        span = (min(last, (self.now + timedelta(days=365)).date()) - first).days
        meetings, agenda, invitations, answers, actions = [], [], [], [], []
        invitation_id = 0
        for mid in range(1, total + 1):
            day = first + timedelta(days=int(span * (mid - 0.5) / total))
            term = next(t for t in self.terms if t[1] <= day <= t[2])
            starts = datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC)
            past = starts < self.now
            status = (rng.choice(("held", "minutes_published", "minutes_published", "cancelled")) if past
                      else rng.choice(("planned", "convened")))
            convener = self.user_of(term[3])
            created = starts - timedelta(days=60)
            meetings.append({"id": mid, "uid": f"bench-{mid}@spoc-network", "title": self.text.title(),
                             "description": self.text.prose(20, 60, planted=False), "starts_at": starts,
                             "ends_at": starts + timedelta(hours=8), "timezone": "Europe/Brussels",
                             "place": "Brussels", "online_url": "", "presidency_term_id": term[0], "status": status,
                             "cancel_reason": "Postponed." if status == "cancelled" else None,
                             "minutes": self.text.prose(50, 150, planted=False) if status == "minutes_published"
                             else "", "minutes_published_at": starts + timedelta(days=10)
                             if status == "minutes_published" else None, "sequence": 0, "created_by_id": convener,
                             "created_at": created, "updated_at": created, "version": 1})
            self.log(convener, "meetings", mid, "create", created, to_state="planned")
            for pos in range(1, 7):
                agenda.append({"meeting_id": mid, "position": pos, "title": self.text.title(),
                               "presenter_id": rng.choice(self.states), "duration_minutes": 45})
            if status == "planned":
                continue
            self.log(convener, "meetings", mid, "convene", created, "planned", "convened")
            for org in self.states + rng.sample(self.agencies, 1):
                invitation_id += 1
                invitations.append({"id": invitation_id, "meeting_id": mid, "organisation_id": org,
                                    "reason": "", "invited_at": created})
                if rng.random() < 0.8:
                    who = self.user_of(org)
                    answers.append({"invitation_id": invitation_id, "answer": rng.choice(ANSWER_CHOICES),
                                    "delegates": 2, "delegate_names": "", "answered_by_id": who,
                                    "answered_at": created + timedelta(days=5)})
                    self.log(who, "meeting_answers", len(answers), "answer", created + timedelta(days=5))
            if status in ("held", "minutes_published"):
                self.log(convener, "meetings", mid, "hold", starts, "convened", "held")
                for _ in range(2):
                    actions.append({"meeting_id": mid, "description": self.text.prose(8, 20, planted=False),
                                    "owner_id": rng.choice(self.states), "due_on": day + timedelta(days=120),
                                    "status": rng.choice(("open", "done")), "created_at": starts})
            if status == "minutes_published":
                self.log(convener, "meetings", mid, "publish_minutes", starts + timedelta(days=10), "held",
                         "minutes_published")
        for name, rows in (("meetings", meetings), ("agenda_items", agenda), ("meeting_invitations", invitations),
                           ("meeting_answers", answers), ("meeting_actions", actions)):
            self.put(name, rows)
        self.flush_audit()

    # Assessments ------------------------------------------------------------------------------------------

    def assessments(self) -> None:
        """Ten yearly closed cooperation rounds, every Member State's submitted answer rating 8 to 15 partners
        (the same at every size: the matrix is 27 x 27 however old the network is)."""
        from app.assessments.questionnaires import CHANNELS, NORMAL_TIME_BANDS, URGENT_TIME_BANDS, VOLUME_BANDS

        rng = self.rng
        rounds, answers, rows = [], [], []
        for rid, year in enumerate(range(self.now.year - 10, self.now.year), 1):
            opened, closed = datetime(year + 1, 1, 15, tzinfo=UTC), datetime(year + 1, 4, 1, tzinfo=UTC)
            opener = self.admins[0]
            rounds.append({"id": rid, "questionnaire": "cooperation", "year": year, "deadline": date(year + 1, 3, 31),
                           "status": "closed", "note": "", "opened_by_id": opener, "opened_at": opened,
                           "closed_at": closed, "version": 2})
            self.log(opener, "assessment_rounds", rid, "open_round", opened, to_state="open")
            self.log(opener, "assessment_rounds", rid, "close", closed, "open", "closed")
            for org in self.states:
                who = self.user_of(org)
                answers.append({"id": len(answers) + 1, "round_id": rid, "organisation_id": org,
                                "status": "submitted", "created_at": opened, "updated_at": closed,
                                "updated_by_id": who, "submitted_at": closed, "submitted_by_id": who, "version": 2})
                self.log(who, "assessment_answers", len(answers), "submit_answer", closed, "draft", "submitted")
                for partner in rng.sample([s for s in self.states if s != org], rng.randint(8, 15)):
                    rows.append({"answer_id": len(answers), "partner_id": partner, "topic": None, "values": {
                        "requests_sent": rng.choice(list(VOLUME_BANDS)),
                        "requests_received": rng.choice(list(VOLUME_BANDS)),
                        "urgent_time": rng.choice(list(URGENT_TIME_BANDS)),
                        "normal_time": rng.choice(list(NORMAL_TIME_BANDS)), "quality": rng.randint(1, 5),
                        "channels": rng.sample(list(CHANNELS), 2), "difficulties": [], "comment": ""}})
        for name, batch in (("assessment_rounds", rounds), ("assessment_answers", answers),
                            ("assessment_rows", rows)):
            self.put(name, batch)
        self.flush_audit()

    def search_index(self) -> None:
        self.put("search_documents", self.search_docs)
        self.search_docs = []


KINDS = ("legal", "operational", "technical", "linguistic", "organisational")
TOPICS = ("organisation", "case_handling", "channels", "operations_24_7", "data_quality", "training", "it_tools")
ANSWER_CHOICES = ("attending", "attending", "tentative", "not_attending")


def _d(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _reset_sequences(connection: Any) -> None:
    """PostgreSQL: explicit ids were inserted, so move each id sequence past them."""
    from app.extensions import db

    for table in db.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key:
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608 - our own table names
                f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"))


def seed(database_url: str, size: str) -> dict[str, Any]:
    """Make the schema, the reference data and the scale data in ``database_url``; returns counts and timings."""
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.network.services import seed_reference_data

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": False})
    timings: dict[str, float] = {}
    with app.app_context():
        started = time.perf_counter()
        upgrade()
        seed_reference_data()
        db.session.commit()
        timings["schema"] = time.perf_counter() - started
        seeder = Seeder(None, SIZES[size])
        with db.engine.begin() as connection:
            if connection.dialect.name == "sqlite":
                connection.exec_driver_sql("PRAGMA synchronous = OFF")
            seeder.conn = connection
            for step in ("network", "obstacles", "practices", "roster", "meetings", "assessments", "search_index"):
                t0 = time.perf_counter()
                getattr(seeder, step)()
                timings[step] = time.perf_counter() - t0
            seeder.flush_audit()
            if connection.dialect.name == "postgresql":
                _reset_sequences(connection)
        t0 = time.perf_counter()
        with db.engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.exec_driver_sql("ANALYZE")
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql("VACUUM ANALYZE")
        timings["analyze"] = time.perf_counter() - t0
        counts = {name: db.session.scalar(select(func.count()).select_from(db.metadata.tables[name]))
                  for name in ("users", "obstacles", "obstacle_comments", "obstacle_affected", "best_practices",
                               "practice_adoptions", "experts", "nominations", "meetings", "agenda_items",
                               "meeting_answers", "assessment_answers", "assessment_rows", "audit_events",
                               "search_documents")}
    return {"size": size, "counts": counts, "seconds": {k: round(v, 1) for k, v in timings.items()},
            "total_seconds": round(sum(timings.values()), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--database", required=True, help="SQLAlchemy URL of a new, empty database")
    args = parser.parse_args()
    print(json.dumps(seed(args.database, args.size), indent=2))


if __name__ == "__main__":
    main()
