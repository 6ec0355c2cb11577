#!/bin/sh
# azd postdeploy hook: once the Functions code is deployed, provision again with the Event Grid subscription
# (topic -> webhook-events queue, read by the WebhookDispatcher queue trigger). Runs only until the environment
# has it. The subscription used to target the function itself and so had to wait for it; a queue endpoint does
# not, but azure.yaml still runs this hook and it stays harmless (infra/README.md).
set -eu
if [ "${DEPLOY_INGEST_SUBSCRIPTION:-false}" != "true" ]; then
  echo "Creating the Event Grid subscription to the webhook-events queue (second provision)..."
  azd env set DEPLOY_INGEST_SUBSCRIPTION true
  azd provision --no-prompt
fi
