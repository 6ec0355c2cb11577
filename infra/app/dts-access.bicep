// Lets the function app's identity run orchestrations on the Durable Task Scheduler, and the deployer use its dashboard.

@description('Scheduler name.')
param schedulerName string

@description('Principal id of the function app\'s system-assigned identity.')
param functionAppPrincipalId string

@description('Object id of the deployer, for the scheduler dashboard; empty grants nothing.')
param deployerPrincipalId string = ''

// Built-in role "Durable Task Data Contributor".
var durableTaskDataContributor = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' existing = {
  name: schedulerName
}

resource functionAppDurableTask 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scheduler.id, functionAppPrincipalId, durableTaskDataContributor)
  scope: scheduler
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
    principalId: functionAppPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource deployerDurableTask 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(scheduler.id, deployerPrincipalId, durableTaskDataContributor)
  scope: scheduler
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
    principalId: deployerPrincipalId
  }
}
