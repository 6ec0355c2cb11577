#!/bin/sh
# Starts the media-node container in the foreground (systemd restarts it when it stops).
# SIP Via/Contact and SDP must carry this instance's public IP, so look it up first and pass it as
# MediaNode__Sip__AdvertisedAddress. Settings come from the environment (systemd EnvironmentFile):
#   MEDIA_NODE_IMAGE     container image to run
#   MEDIA_NODE_ENV_FILE  docker --env-file with the node's settings (default /etc/voice/media-node.env)
#   ARM_ENDPOINT         Azure Resource Manager endpoint of this cloud (ends with /)
#   AZURE_CLIENT_ID      client id of the node's user-assigned managed identity
#   IMDS_ENDPOINT        instance metadata service (default http://169.254.169.254/metadata)
set -eu
imds=${IMDS_ENDPOINT:-http://169.254.169.254/metadata}
env_file=${MEDIA_NODE_ENV_FILE:-/etc/voice/media-node.env}

public_ip=$(curl -sf -H Metadata:true "$imds/instance/network/interface/0/ipv4/ipAddress/0/publicIpAddress?api-version=2021-02-01&format=text" || true)
if [ -z "$public_ip" ]; then
  # IMDS can leave publicIpAddress empty for Standard-SKU addresses: ask Azure Resource Manager with the node's
  # managed identity (role Reader on the resource group): VM -> NIC -> public IP resource -> address.
  token=$(curl -sf -H Metadata:true "$imds/identity/oauth2/token?api-version=2018-02-01&client_id=$AZURE_CLIENT_ID&resource=$ARM_ENDPOINT" | jq -r .access_token)
  arm_get() { curl -sf -H "Authorization: Bearer $token" "${ARM_ENDPOINT%/}$1?api-version=$2"; }
  vm=$(curl -sf -H Metadata:true "$imds/instance/compute/resourceId?api-version=2021-02-01&format=text")
  nic=$(arm_get "$vm" 2025-04-01 | jq -r '.properties.networkProfile.networkInterfaces[0].id')
  pip=$(arm_get "$nic" 2025-05-01 | jq -r '.properties.ipConfigurations[0].properties.publicIPAddress.id')
  public_ip=$(arm_get "$pip" 2025-05-01 | jq -r '.properties.ipAddress // empty')
fi
if [ -z "$public_ip" ]; then
  echo "voice-media-node: this instance has no public IP yet" >&2
  exit 1
fi

exec docker run --rm --name voice-media-node --network host \
  --env-file "$env_file" \
  --env "MediaNode__Sip__AdvertisedAddress=$public_ip:5060" \
  "$MEDIA_NODE_IMAGE"
