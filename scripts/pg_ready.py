"""Exit 0 when the PostgreSQL server named by a DATABASE_URL accepts a connection, 1 with the reason if not.

`make test` uses it to decide whether to run the suite a second time on PostgreSQL. It connects to the
`postgres` maintenance database, as Django does to create the test database, so the database named in the
URL need not exist.

    .venv/bin/python scripts/pg_ready.py postgres://postgres@127.0.0.1:5432/dangvu
"""

import sys

import dj_database_url
import psycopg


def main(url: str) -> int:
    config = dj_database_url.parse(url)
    host, port = config.get("HOST") or "127.0.0.1", config.get("PORT") or 5432
    try:
        psycopg.connect(
            host=host,
            port=port,
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            dbname="postgres",
            connect_timeout=5,
        ).close()
    except psycopg.Error as error:
        print(f"PostgreSQL at {host}:{port} is unreachable: {error}".strip(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
