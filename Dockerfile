# syntax=docker/dockerfile:1
# Gehoord's image: one image for web (gunicorn), worker and beat (Celery) and the migrate step.
# See docs/deploy.md. Build: docker build -t gehoord .
# The optional "proxy" stage (nginx with the static files) is built with --target proxy.

# --- the NL Design System CSS from npm (only its files are copied on) ------------------
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

# --- the application -------------------------------------------------------------------
FROM python:3.11-slim-bookworm AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (letters, the annual report) needs Pango and HarfBuzz's subsetter; the letters are set
# in DejaVu Sans. gettext compiles the translations below; postgresql-client is for manage.py backup.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY --from=assets /app/node_modules ./node_modules
COPY . .

# Settings refuse to load without a secret key and a shared cache; these two are for the build only.
RUN SECRET_KEY=build-only-not-secret CACHE_URL=locmemcache:// STATIC_ROOT=/app/static \
        python manage.py collectstatic --noinput \
    && SECRET_KEY=build-only-not-secret CACHE_URL=locmemcache:// \
        python manage.py compilemessages --ignore=node_modules --ignore=.venv

# --- optional: nginx serving /static/ and proxying the rest to web:8000 ----------------
FROM nginx:1.27-alpine AS proxy
COPY --from=base /app/static /usr/share/nginx/static
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf

# --- the default target: runs as an unprivileged user ----------------------------------
FROM base AS app
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home gehoord \
    && mkdir -p /app/var/media \
    && chown -R gehoord:gehoord /app/var
ENV STATIC_ROOT=/app/static \
    MEDIA_ROOT=/app/var/media \
    PORT=8000
USER gehoord
EXPOSE 8000
# The command, not an entrypoint: the worker, beat and migrate services run their own.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "gehoord.wsgi"]
