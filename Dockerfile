# Ecoute: one Node process serving the API, the widget, the hosted form and the tracking pages.
FROM node:20-bookworm-slim
WORKDIR /app
ENV HOST=0.0.0.0 PORT=3000 ECOUTE_DATA_DIR=/data
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY web/package.json web/
# --ignore-scripts: the root `prepare` would build before the sources are here; `npm run build` does it below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.base.json ./
COPY shared shared
COPY server server
COPY web web
COPY migrations migrations
# The compiled server (server/dist/server.js), the widget and the SPA with their gzip and brotli copies.
RUN npm run build && mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server/dist/server.js"]
