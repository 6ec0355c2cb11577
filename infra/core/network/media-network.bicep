// Virtual network and network security group for the media nodes. The NSG opens exactly what SIP and RTP need:
// 5060 over UDP and TCP, and the configured RTP/RTCP UDP range. SSH is denied unless a source range is given.

@description('Virtual network name.')
param virtualNetworkName string

@description('Network security group name.')
param networkSecurityGroupName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object = {}

@description('Address space of the virtual network.')
param addressPrefix string = '10.60.0.0/16'

@description('Address range of the media subnet.')
param subnetPrefix string = '10.60.1.0/24'

@description('Source allowed to reach SIP (a CIDR or service tag); narrow it to your trunk provider\'s signalling addresses.')
param sipSourceAddressPrefix string = '*'

@description('First port of the RTP/RTCP UDP range.')
@minValue(1024)
@maxValue(65534)
param rtpPortMin int

@description('Last port of the RTP/RTCP UDP range.')
@minValue(1025)
@maxValue(65535)
param rtpPortMax int

@description('CIDR allowed to reach SSH (22/tcp). Empty: SSH is denied.')
param sshSourceAddressPrefix string = ''

resource nsg 'Microsoft.Network/networkSecurityGroups@2025-05-01' = {
  name: networkSecurityGroupName
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'allow-sip-udp'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Udp'
          sourceAddressPrefix: sipSourceAddressPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '5060'
        }
      }
      {
        name: 'allow-sip-tcp'
        properties: {
          priority: 110
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: sipSourceAddressPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '5060'
        }
      }
      {
        name: 'allow-rtp-udp'
        properties: {
          priority: 120
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Udp'
          // Media comes from the trunk's media servers, which are often not its signalling addresses.
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '${rtpPortMin}-${rtpPortMax}'
        }
      }
      {
        name: 'ssh'
        properties: {
          priority: 200
          direction: 'Inbound'
          access: empty(sshSourceAddressPrefix) ? 'Deny' : 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: empty(sshSourceAddressPrefix) ? '*' : sshSourceAddressPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '22'
        }
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: virtualNetworkName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'media'
        properties: {
          addressPrefix: subnetPrefix
          networkSecurityGroup: {
            id: nsg.id
          }
          // Outbound traffic leaves through each instance's own public IP.
          defaultOutboundAccess: false
        }
      }
    ]
  }
}

output subnetId string = vnet.properties.subnets[0].id
output networkSecurityGroupId string = nsg.id
