// Every data-plane permission of the deployment, one role assignment per line of need. Nothing uses keys:
// the function app, the media nodes and the Event Grid topic each authenticate with a managed identity.

@description('Storage account name.')
param storageAccountName string

@description('Queue the Event Grid topic writes the webhook dispatcher\'s events to.')
param webhookEventsQueueName string

@description('Dead-letter blob container the topic writes events to that it could not put on that queue.')
param webhookEventsDeadLetterContainerName string

@description('Event Grid topic name.')
param eventGridTopicName string

@description('Key Vault name.')
param keyVaultName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Principal id of the function app\'s system-assigned identity.')
param functionAppPrincipalId string

@description('Principal id of the media nodes\' user-assigned identity.')
param mediaNodePrincipalId string

@description('Principal id of the Event Grid topic\'s system-assigned identity.')
param eventGridTopicPrincipalId string

@description('Object id of the deployer (user or pipeline); empty grants nothing.')
param deployerPrincipalId string = ''

// Built-in role definition ids (the same in every tenant).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageQueueDataMessageSender = 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var eventGridDataSender = 'd5a91429-5739-47e2-a06b-3470a27159e7'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'
var reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource webhookEventsDeadLetterContainer 'containers' existing = {
      name: webhookEventsDeadLetterContainerName
    }
  }

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource webhookEventsQueue 'queues' existing = {
      name: webhookEventsQueueName
    }
  }
}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: eventGridTopicName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Function app: Functions host + Durable (Azure Storage backend) + product data + deployment package. The queue
// role also covers the queue triggers (media-events, and webhook-events for WebhookDispatcher) and their poison
// queues.
resource functionAppBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionAppPrincipalId, storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: functionAppPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionAppQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionAppPrincipalId, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: functionAppPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionAppTable 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionAppPrincipalId, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: functionAppPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionAppEventGrid 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, functionAppPrincipalId, eventGridDataSender)
  scope: topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventGridDataSender)
    principalId: functionAppPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionAppSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionAppPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: functionAppPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionAppTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, functionAppPrincipalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: functionAppPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Media nodes: take commands from and put events on the queues, upload recordings, read the trunk password.
resource mediaNodeQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, mediaNodePrincipalId, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: mediaNodePrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource mediaNodeBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, mediaNodePrincipalId, storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: mediaNodePrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource mediaNodeSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, mediaNodePrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: mediaNodePrincipalId
    principalType: 'ServicePrincipal'
  }
}

// IMDS does not always report a Standard-SKU instance public IP; the boot script then reads it from
// Azure Resource Manager, which needs read access to the resource group's network resources.
resource mediaNodeReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, mediaNodePrincipalId, reader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: mediaNodePrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Event Grid topic: put events on the webhook-events queue and write the events it could not put there to
// their dead-letter container; each role on that one queue or container only.
resource topicQueueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::queueService::webhookEventsQueue.id, eventGridTopicPrincipalId, storageQueueDataMessageSender)
  scope: storage::queueService::webhookEventsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataMessageSender)
    principalId: eventGridTopicPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource topicDeadLetter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::webhookEventsDeadLetterContainer.id, eventGridTopicPrincipalId, storageBlobDataContributor)
  scope: storage::blobService::webhookEventsDeadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: eventGridTopicPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Deployer: manage the vault's secrets (azd reads the generated webhook signing key back on every provision;
// the trunk password can be rotated with `az keyvault secret set`). The principal type is left to Azure
// because the deployer may be a user or a service principal.
resource deployerSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: deployerPrincipalId
  }
}
