# The hello executor, for nodes launched with a ContainerLiteInfo image.
# Build from the repository root:
#   docker build -f examples/deploy/docker/executor.Dockerfile -t catapult/hello-executor:0.1.0 .
# The agent starts it with the MESOS_* environment; it reaches the agent at
# MESOS_AGENT_ENDPOINT, so run it with host networking or a routable agent address.
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
ENTRYPOINT ["node", "dist/examples/hello/executor.js"]
