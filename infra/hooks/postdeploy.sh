#!/bin/sh
# azd postdeploy hook: once the Functions code (and so the WebhookDispatcher function) is deployed, provision
# again with the Event Grid subscription. Runs only until the environment has it.
set -eu
if [ "${DEPLOY_INGEST_SUBSCRIPTION:-false}" != "true" ]; then
  echo "Creating the Event Grid subscription to WebhookDispatcher (second provision)..."
  azd env set DEPLOY_INGEST_SUBSCRIPTION true
  azd provision --no-prompt
fi
