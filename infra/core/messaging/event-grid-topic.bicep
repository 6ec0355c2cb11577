// Event Grid custom topic that takes CloudEvents 1.0. Publishing needs Microsoft Entra ID (role EventGrid
// Data Sender); the topic's own identity writes undeliverable events to the dead-letter container.

@description('Topic name.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object = {}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    minimumTlsVersionAllowed: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

output name string = topic.name
output endpoint string = topic.properties.endpoint
output principalId string = topic.identity.principalId
