// Durable Task Scheduler (the managed Durable Functions backend) with one task hub. Only deployed when
// durableBackend is 'DurableTaskScheduler'; access is granted in app/dts-access.bicep.

@description('Scheduler name.')
param name string

@description('Task hub name.')
param taskHubName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object = {}

@description('Consumption bills per orchestration action; Dedicated bills per capacity unit per hour.')
@allowed([
  'Consumption'
  'Dedicated'
])
param skuName string = 'Consumption'

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    // Callers are authorised with Microsoft Entra ID (role Durable Task Data Contributor), not by address.
    ipAllowlist: [
      '0.0.0.0/0'
    ]
    sku: skuName == 'Dedicated'
      ? {
          name: 'Dedicated'
          capacity: 1
        }
      : {
          name: 'Consumption'
        }
  }

  resource taskHub 'taskHubs' = {
    name: taskHubName
  }
}

output name string = scheduler.name
output endpoint string = scheduler.properties.endpoint
output taskHubName string = scheduler::taskHub.name
