// Event Grid subscription that delivers every engine event to the function app's Event Grid trigger
// `WebhookDispatcher` (which posts the per-call webhooks). Events that still fail after the retry policy are
// written by the topic's identity to the dead-letter container. The function must exist when this is deployed,
// so main.bicep deploys it only when deployIngestSubscription is true (see infra/README.md).

@description('Event Grid topic name.')
param topicName string

@description('Function app name.')
param functionAppName string

@description('Name of the Event Grid triggered function.')
param functionName string = 'WebhookDispatcher'

@description('Storage account holding the dead-letter container.')
param storageAccountName string

@description('Dead-letter blob container.')
param deadLetterContainerName string

@description('Delivery attempts before an event is dead-lettered.')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int = 30

@description('Minutes an event is retried before it is dead-lettered.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int = 1440

resource topic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: topicName
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource webhookDispatcher 'Microsoft.EventGrid/topics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'webhook-dispatcher'
  properties: {
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionApp.id}/functions/${functionName}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output name string = webhookDispatcher.name
