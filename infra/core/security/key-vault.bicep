// Key Vault with Azure RBAC authorisation (no access policies). Holds the webhook signing master key and the
// SIP trunk password. A secret is only written when its value is given, so a redeploy without the value
// keeps what is stored (rotate with `az keyvault secret set`).

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object = {}

@description('Name of the secret holding the webhook signing master key.')
param webhookSigningKeySecretName string

@description('Webhook signing master key; empty keeps the stored secret.')
@secure()
param webhookSigningKey string = ''

@description('Name of the secret holding the SIP trunk password.')
param trunkPasswordSecretName string

@description('SIP trunk password; empty keeps the stored secret.')
@secure()
param trunkPassword string = ''

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource webhookSigningKeySecret 'secrets' = if (!empty(webhookSigningKey)) {
    name: webhookSigningKeySecretName
    properties: {
      value: webhookSigningKey
      contentType: 'text/plain'
    }
  }

  resource trunkPasswordSecret 'secrets' = if (!empty(trunkPassword)) {
    name: trunkPasswordSecretName
    properties: {
      value: trunkPassword
      contentType: 'text/plain'
    }
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
