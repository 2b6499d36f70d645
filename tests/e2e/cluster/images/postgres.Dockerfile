# PostgreSQL 15 from Debian's packages for the chart's in-cluster database on the test node
# (no registry here, so the chart's postgres:15-alpine cannot be pulled). It keeps that image's
# contract: POSTGRES_USER/PASSWORD/DB and PGDATA, uid 70, pg_isready on PATH, a read-only root.
FROM debian:bookworm-slim
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null \
    && rm -rf /var/lib/apt/lists/* /var/lib/postgresql/15 /etc/postgresql \
    && usermod -u 70 postgres && groupmod -g 70 postgres \
    && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
    && chown -R 70:70 /var/lib/postgresql /var/run/postgresql
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
USER 70:70
EXPOSE 5432
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]
