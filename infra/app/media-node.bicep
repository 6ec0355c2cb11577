// Media nodes: a Virtual Machine Scale Set in Flexible orchestration, one Standard public IP per instance, each
// instance running the media-node container (cloud-init). SIP and RTP are plain UDP/TCP on the instance's own
// address, which Container Apps and ACI cannot offer (see infra/README.md).

@description('Scale set name.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object = {}

@description('Resource id of the user-assigned identity the nodes use for queues, blobs and Key Vault.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Subnet the instances join (its NSG carries the SIP/RTP rules).')
param subnetId string

@description('Container image of the media-node.')
param image string

@description('Number of instances.')
@minValue(0)
@maxValue(100)
param instanceCount int = 1

@description('VM size of each instance.')
param vmSize string = 'Standard_D2as_v5'

@description('Admin user name (SSH key login only).')
param adminUsername string

@description('SSH public key for the admin user.')
param sshPublicKey string

@description('First port of the RTP/RTCP UDP range.')
param rtpPortMin int

@description('Last port of the RTP/RTCP UDP range.')
param rtpPortMax int

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Blob endpoint of the storage account.')
param blobEndpoint string

@description('SIP trunk URI for calls to E.164 numbers; empty dials sip: URIs directly.')
param trunkUri string = ''

@description('SIP trunk digest user name.')
param trunkUsername string = ''

@description('Key Vault secret URI of the trunk password; empty when the trunk needs no credentials.')
param trunkPasswordSecretUri string = ''

// Settings of the container (names from docs/configuration.md). MediaNode__Sip__AdvertisedAddress is added at
// boot by media-node-start.sh, when the instance knows its public IP.
var containerEnvironment = [
  'VoiceStorage__queueServiceUri=${queueEndpoint}'
  'VoiceStorage__blobServiceUri=${blobEndpoint}'
  'VoiceStorage__clientId=${identityClientId}'
  'AZURE_CLIENT_ID=${identityClientId}'
  'MediaNode__Sip__ListenAddress=0.0.0.0:5060'
  'MediaNode__Rtp__PortMin=${rtpPortMin}'
  'MediaNode__Rtp__PortMax=${rtpPortMax}'
  'MediaNode__Trunk__Uri=${trunkUri}'
  'MediaNode__Trunk__Username=${trunkUsername}'
  'MediaNode__Trunk__PasswordSecretUri=${trunkPasswordSecretUri}'
]

// Settings of the start script and the systemd unit.
var hostEnvironment = [
  'MEDIA_NODE_IMAGE=${image}'
  'MEDIA_NODE_ENV_FILE=/etc/voice/media-node.env'
  'ARM_ENDPOINT=${environment().resourceManager}'
  'AZURE_CLIENT_ID=${identityClientId}'
]

var cloudInit = replace(
  replace(
    replace(
      loadTextContent('media-node-cloud-init.yaml'),
      '__CONTAINER_ENV_BASE64__',
      base64('${join(containerEnvironment, '\n')}\n')
    ),
    '__HOST_ENV_BASE64__',
    base64('${join(hostEnvironment, '\n')}\n')
  ),
  '__START_SCRIPT_BASE64__',
  loadFileAsBase64('media-node-start.sh')
)

resource scaleSet 'Microsoft.Compute/virtualMachineScaleSets@2025-04-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  sku: {
    name: vmSize
    tier: 'Standard'
    capacity: instanceCount
  }
  properties: {
    orchestrationMode: 'Flexible'
    platformFaultDomainCount: 1
    singlePlacementGroup: false
    virtualMachineProfile: {
      osProfile: {
        computerNamePrefix: 'media'
        adminUsername: adminUsername
        customData: base64(cloudInit)
        linuxConfiguration: {
          disablePasswordAuthentication: true
          provisionVMAgent: true
          ssh: {
            publicKeys: [
              {
                path: '/home/${adminUsername}/.ssh/authorized_keys'
                keyData: sshPublicKey
              }
            ]
          }
        }
      }
      securityProfile: {
        securityType: 'TrustedLaunch'
        uefiSettings: {
          secureBootEnabled: true
          vTpmEnabled: true
        }
      }
      storageProfile: {
        imageReference: {
          publisher: 'Canonical'
          offer: 'ubuntu-24_04-lts'
          sku: 'server'
          version: 'latest'
        }
        osDisk: {
          createOption: 'FromImage'
          caching: 'ReadWrite'
          deleteOption: 'Delete'
          managedDisk: {
            storageAccountType: 'StandardSSD_LRS'
          }
        }
      }
      diagnosticsProfile: {
        bootDiagnostics: {
          enabled: true
        }
      }
      networkProfile: {
        networkApiVersion: '2022-11-01'
        networkInterfaceConfigurations: [
          {
            name: 'media-nic'
            properties: {
              primary: true
              enableAcceleratedNetworking: true
              deleteOption: 'Delete'
              ipConfigurations: [
                {
                  name: 'media-ip'
                  properties: {
                    primary: true
                    subnet: {
                      id: subnetId
                    }
                    // One public address per instance: SIP Via/Contact and SDP carry it, so it must be the
                    // instance's own and must not be shared through a load balancer.
                    publicIPAddressConfiguration: {
                      name: 'media-pip'
                      sku: {
                        name: 'Standard'
                        tier: 'Regional'
                      }
                      properties: {
                        idleTimeoutInMinutes: 30
                        deleteOption: 'Delete'
                      }
                    }
                  }
                }
              ]
            }
          }
        ]
      }
    }
  }
}

output name string = scaleSet.name
output id string = scaleSet.id
