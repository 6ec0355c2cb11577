// Voice.Functions on Azure: Functions app (Flex Consumption) + Durable backend + Storage + Event Grid +
// Key Vault + monitoring, and the SIP/RTP media nodes on a VM Scale Set. Deploy into a resource group with
// `azd up` or `az deployment group create` (docs/deploy.md); infra/README.md explains the design.

@minLength(1)
@maxLength(64)
@description('Environment name; seeds the unique suffix of every resource name and the azd-env-name tag.')
param environmentName string

@description('Region of every resource (must offer Flex Consumption).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string = resourceGroup().location

@description('Durable Functions backend: the app\'s own storage account, or the managed Durable Task Scheduler.')
@allowed([
  'AzureStorage'
  'DurableTaskScheduler'
])
param durableBackend string = 'AzureStorage'

@description('Durable Task Scheduler SKU (with durableBackend DurableTaskScheduler).')
@allowed([
  'Consumption'
  'Dedicated'
])
param durableTaskSchedulerSku string = 'Consumption'

@description('Most instances the Functions plan scales out to.')
@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 100

@description('Create the Event Grid subscription that writes every event to the webhook-events queue (read by the WebhookDispatcher function). azd\'s first provision of a new environment sets this to false and its postdeploy hook turns it on (infra/README.md).')
param deployIngestSubscription bool = true

@description('Container image of the media-node (built from media-node/Voice.MediaNode/Dockerfile and pushed to a registry the nodes can pull from anonymously).')
param mediaNodeImage string = 'ghcr.io/OWNER/voice-media-node:latest'

@description('Number of media-node instances.')
@minValue(0)
@maxValue(100)
param mediaNodeInstanceCount int = 1

@description('VM size of each media-node instance.')
param mediaNodeVmSize string = 'Standard_D2as_v5'

@description('Admin user of the media-node instances (SSH key login only).')
param adminUsername string = 'voiceadmin'

@description('SSH public key of the admin user (password login is disabled).')
param sshPublicKey string

@description('CIDR allowed to SSH into the media nodes; empty (default) denies SSH.')
param sshSourceAddressPrefix string = ''

@description('Source allowed to reach SIP on 5060 (CIDR or service tag); narrow it to the trunk\'s signalling addresses.')
param sipSourceAddressPrefix string = '*'

@description('First port of the RTP/RTCP UDP range (even); the NSG opens exactly rtpPortMin-rtpPortMax.')
@minValue(1024)
@maxValue(65534)
param rtpPortMin int = 20000

@description('Last port of the RTP/RTCP UDP range (odd).')
@minValue(1025)
@maxValue(65535)
param rtpPortMax int = 20999

@description('SIP trunk for calls to E.164 numbers (sip:host:port;transport=udp); empty dials sip: URIs directly.')
param trunkUri string = ''

@description('SIP trunk digest user name; when set, the nodes read the password from Key Vault.')
param trunkUsername string = ''

@description('SIP trunk password, stored in Key Vault; empty keeps the stored secret.')
@secure()
param trunkPassword string = ''

@description('Webhook signing master key, stored in Key Vault; empty keeps the stored secret (required on the first deployment).')
@secure()
param webhookSigningKey string = ''

@description('Microsoft Entra ID tenant whose access tokens the admin API (/v1/admin, the operators\' voice-admin) accepts. Empty: the tenant of the deployment.')
param adminTenantId string = ''

@description('Client (application) id of the admin API\'s Entra app registration: tokens must be issued for it (aud = the id or api://<id>). Empty: the admin API answers 503 until it is set.')
param adminClientId string = ''

@description('Object id of the Entra group whose members operate the instance (the token\'s groups claim). Empty: only tokens with the Voice.Operator app role are operators.')
param operatorGroupObjectId string = ''

@description('Object id of the person or pipeline deploying (azd sets AZURE_PRINCIPAL_ID). Gets Key Vault Secrets Officer, so azd can keep the generated webhook signing key and you can set the trunk password, and the Durable Task Scheduler dashboard. Empty: no access for the deployer.')
param deployerPrincipalId string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = {
  'azd-env-name': environmentName
}
var useDurableTaskScheduler = durableBackend == 'DurableTaskScheduler'
var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var eventGridTopicName = '${abbrs.eventGridDomainsTopics}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'
var durableTaskSchedulerName = '${abbrs.durableTaskSchedulers}${resourceToken}'
// Dead letters of the app's own delivery engine (Voice.Storage StorageNames.DeadLetterContainer).
var deadLetterContainerName = 'deadletter'
// Event Grid → queue hop of the webhook dispatcher (the C# side names the queue in MediaQueues/StorageNames).
var webhookEventsQueueName = 'webhook-events'
var webhookEventsDeadLetterContainerName = 'webhook-events-deadletter'
var webhookSigningKeySecretName = 'webhook-signing-key'
var trunkPasswordSecretName = 'trunk-password'
// The admin API's operators sign in to this tenant; by default the one the resources are deployed in.
var adminTenant = empty(adminTenantId) ? tenant().tenantId : adminTenantId

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsName
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    name: storageAccountName
    containers: [
      deploymentContainerName
      'recordings'
      deadLetterContainerName
      webhookEventsDeadLetterContainerName
    ]
    queues: [
      'media-commands'
      'media-events'
      webhookEventsQueueName
    ]
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    name: keyVaultName
    webhookSigningKeySecretName: webhookSigningKeySecretName
    webhookSigningKey: webhookSigningKey
    trunkPasswordSecretName: trunkPasswordSecretName
    trunkPassword: trunkPassword
  }
}

module eventGrid 'core/messaging/event-grid-topic.bicep' = {
  name: 'eventgrid'
  params: {
    location: location
    tags: tags
    name: eventGridTopicName
  }
}

module durableTaskScheduler 'app/dts.bicep' = if (useDurableTaskScheduler) {
  name: 'durable-task-scheduler'
  params: {
    location: location
    tags: tags
    name: durableTaskSchedulerName
    taskHubName: '${abbrs.durableTaskHubs}${resourceToken}'
    skuName: durableTaskSchedulerSku
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    deploymentContainerName: deploymentContainerName
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    eventGridTopicEndpoint: eventGrid.outputs.endpoint
    keyVaultUri: keyVault.outputs.uri
    webhookSigningKeySecretName: webhookSigningKeySecretName
    durableTaskSchedulerEndpoint: useDurableTaskScheduler ? durableTaskScheduler!.outputs.endpoint : ''
    durableTaskHubName: useDurableTaskScheduler ? durableTaskScheduler!.outputs.taskHubName : ''
    maximumInstanceCount: functionMaximumInstanceCount
    adminTenantId: adminTenant
    adminClientId: adminClientId
    operatorGroupObjectId: operatorGroupObjectId
  }
}

module durableTaskSchedulerAccess 'app/dts-access.bicep' = if (useDurableTaskScheduler) {
  name: 'durable-task-scheduler-access'
  params: {
    schedulerName: durableTaskSchedulerName
    functionAppPrincipalId: api.outputs.principalId
    deployerPrincipalId: deployerPrincipalId
  }
}

module mediaNodeIdentity 'core/security/user-assigned-identity.bicep' = {
  name: 'media-node-identity'
  params: {
    location: location
    tags: tags
    name: '${abbrs.managedIdentityUserAssignedIdentities}media-${resourceToken}'
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  params: {
    storageAccountName: storageAccountName
    webhookEventsQueueName: webhookEventsQueueName
    webhookEventsDeadLetterContainerName: webhookEventsDeadLetterContainerName
    eventGridTopicName: eventGridTopicName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
    functionAppPrincipalId: api.outputs.principalId
    mediaNodePrincipalId: mediaNodeIdentity.outputs.principalId
    eventGridTopicPrincipalId: eventGrid.outputs.principalId
    deployerPrincipalId: deployerPrincipalId
  }
}

module mediaNetwork 'core/network/media-network.bicep' = {
  name: 'media-network'
  params: {
    location: location
    tags: tags
    virtualNetworkName: '${abbrs.networkVirtualNetworks}media-${resourceToken}'
    networkSecurityGroupName: '${abbrs.networkNetworkSecurityGroups}media-${resourceToken}'
    sipSourceAddressPrefix: sipSourceAddressPrefix
    rtpPortMin: rtpPortMin
    rtpPortMax: rtpPortMax
    sshSourceAddressPrefix: sshSourceAddressPrefix
  }
}

module mediaNode 'app/media-node.bicep' = {
  name: 'media-node'
  // The nodes start working as soon as they boot, so their roles must exist first.
  dependsOn: [
    rbac
  ]
  params: {
    location: location
    tags: tags
    name: '${abbrs.computeVirtualMachineScaleSets}media-${resourceToken}'
    identityId: mediaNodeIdentity.outputs.id
    identityClientId: mediaNodeIdentity.outputs.clientId
    subnetId: mediaNetwork.outputs.subnetId
    image: mediaNodeImage
    instanceCount: mediaNodeInstanceCount
    vmSize: mediaNodeVmSize
    adminUsername: adminUsername
    sshPublicKey: sshPublicKey
    rtpPortMin: rtpPortMin
    rtpPortMax: rtpPortMax
    queueEndpoint: storage.outputs.queueEndpoint
    blobEndpoint: storage.outputs.blobEndpoint
    trunkUri: trunkUri
    trunkUsername: trunkUsername
    trunkPasswordSecretUri: empty(trunkUsername) ? '' : '${keyVault.outputs.uri}secrets/${trunkPasswordSecretName}'
  }
}

module webhookSubscription 'app/webhook-subscription.bicep' = if (deployIngestSubscription) {
  name: 'webhook-subscription'
  // The topic's identity must be allowed to write the queue and the dead-letter container before the
  // subscription delivers.
  dependsOn: [
    rbac
  ]
  params: {
    topicName: eventGridTopicName
    storageAccountName: storageAccountName
    queueName: webhookEventsQueueName
    deadLetterContainerName: webhookEventsDeadLetterContainerName
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = 'https://${api.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output EVENT_GRID_TOPIC_NAME string = eventGrid.outputs.name
output EVENT_GRID_TOPIC_ENDPOINT string = eventGrid.outputs.endpoint
output MEDIA_NODE_SCALE_SET_NAME string = mediaNode.outputs.name
output DURABLE_BACKEND string = durableBackend
