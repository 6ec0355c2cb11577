# azd postdeploy hook (Windows): same as postdeploy.sh.
$ErrorActionPreference = 'Stop'
if ($env:DEPLOY_INGEST_SUBSCRIPTION -ne 'true') {
  Write-Host 'Creating the Event Grid subscription to the webhook-events queue (second provision)...'
  azd env set DEPLOY_INGEST_SUBSCRIPTION true
  if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
  azd provision --no-prompt
  if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}
