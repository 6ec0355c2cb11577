// Event Grid subscription of the platform's own webhook dispatcher: every engine event is written, as a
// CloudEvents 1.0 message, to the storage queue read by the queue-triggered function `WebhookDispatcher`
// (which posts the per-call webhooks). A queue and not an Event Grid trigger, because the Functions Event Grid
// worker extension is not available to the build. Event Grid writes to the queue and the dead-letter container
// with the topic's system-assigned identity (the storage account refuses shared keys); events it still cannot
// write after the retry policy go to the dead-letter container.

@description('Event Grid custom topic name.')
param topicName string

@description('Storage account holding the queue and the dead-letter container.')
param storageAccountName string

@description('Queue read by the WebhookDispatcher queue trigger.')
param queueName string

@description('Dead-letter blob container for events Event Grid could not write to the queue.')
param deadLetterContainerName string

@description('Seconds a message stays in the queue before Azure Storage deletes it unread (default 7 days, the Azure Storage default).')
@minValue(60)
param queueMessageTimeToLiveInSeconds int = 604800

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

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource webhookDispatcher 'Microsoft.EventGrid/topics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'webhook-dispatcher'
  properties: {
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    deliveryWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: storage.id
          queueName: queueName
          queueMessageTimeToLiveInSeconds: queueMessageTimeToLiveInSeconds
        }
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
