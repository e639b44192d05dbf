# The hello scheduler. Build from the repository root:
#   docker build -f examples/deploy/docker/scheduler.Dockerfile -t catapult/hello-scheduler:0.1.0 .
FROM node:20-bookworm-slim AS build
WORKDIR /opt/catapult
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY machines ./machines
COPY proto ./proto
COPY examples ./examples
COPY bin ./bin
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /opt/catapult
COPY --from=build /opt/catapult/node_modules ./node_modules
COPY --from=build /opt/catapult/dist ./dist
COPY --from=build /opt/catapult/package.json ./package.json
USER node
EXPOSE 8080
ENTRYPOINT ["node", "dist/examples/hello/scheduler.js"]
CMD ["--help"]
