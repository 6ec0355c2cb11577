// The Functions app (REST API, call lifecycles, queue triggers including WebhookDispatcher, publishing to
// Event Grid) on a Flex Consumption plan.
// Every connection is identity-based: the app's system-assigned identity gets explicit data roles in
// app/rbac.bicep. Setting names follow docs/configuration.md.

@description('Function app name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags for every resource (the app also gets the azd service tag).')
param tags object = {}

@description('azd service name of the app in azure.yaml.')
param serviceName string = 'api'

@description('Blob container the deployment package is uploaded to.')
param deploymentContainerName string

@description('Blob endpoint of the storage account (ends with a slash).')
param blobEndpoint string

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Table endpoint of the storage account.')
param tableEndpoint string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Event Grid topic endpoint engine events are published to.')
param eventGridTopicEndpoint string

@description('Key Vault URI (ends with a slash).')
param keyVaultUri string

@description('Key Vault secret holding the webhook signing master key.')
param webhookSigningKeySecretName string

@description('Durable Task Scheduler endpoint; empty selects the Azure Storage backend.')
param durableTaskSchedulerEndpoint string = ''

@description('Durable Task Scheduler task hub name (with the scheduler backend).')
param durableTaskHubName string = ''

@description('Entra ID tenant of the admin API\'s operators.')
param adminTenantId string

@description('Client id of the admin API\'s app registration (the tokens\' audience); empty leaves the admin API closed (503).')
param adminClientId string = ''

@description('Object id of the operator group (groups claim); empty: the Voice.Operator app role only.')
param operatorGroupObjectId string = ''

@description('Most instances the plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

var useDurableTaskScheduler = !empty(durableTaskSchedulerEndpoint)

// Settings every deployment has. Storage: the host (AzureWebJobsStorage) and the product (VoiceStorage) use
// the same account through service URIs, so no key or connection string exists anywhere.
var baseAppSettings = {
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  VoiceStorage__blobServiceUri: blobEndpoint
  VoiceStorage__queueServiceUri: queueEndpoint
  VoiceStorage__tableServiceUri: tableEndpoint
  EventGrid__TopicEndpoint: eventGridTopicEndpoint
  Webhooks__SigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${webhookSigningKeySecretName}/)'
  Webhooks__AllowPrivateTargets: 'false'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  // Telemetry is sent with the app's identity because the component has local authentication disabled.
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  // The admin API (/v1/admin) validates Entra ID bearer tokens itself (EntraOperatorAuthenticator): issuer and keys
  // from the tenant's OpenID metadata, this audience, and the operator app role or group. Never a tenant key.
  AdminAuth__TenantId: adminTenantId
  AdminAuth__ClientId: adminClientId
  AdminAuth__OperatorGroupId: operatorGroupObjectId
  AdminAuth__OperatorRole: 'Voice.Operator'
}

// With the Durable Task Scheduler backend the host.json storage provider is overridden from app settings,
// so the same package runs on either backend.
var durableTaskSchedulerSettings = useDurableTaskScheduler
  ? {
      DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableTaskSchedulerEndpoint};Authentication=ManagedIdentity'
      TASKHUB_NAME: durableTaskHubName
      AzureFunctionsJobHost__extensions__durableTask__hubName: durableTaskHubName
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged'
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
    }
  : {}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        for setting in items(union(baseAppSettings, durableTaskSchedulerSettings)): {
          name: setting.key
          value: setting.value
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // No FTP or basic-auth (SCM) publishing: deployments go through the identity-protected package container.
  resource ftpPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = functionApp.name
output id string = functionApp.id
output principalId string = functionApp.identity.principalId
output defaultHostName string = functionApp.properties.defaultHostName
