namespace Voice.Media.Speech.Azure;

/// <summary>
/// The header that authorizes one request to Azure AI Speech: <c>Authorization: Bearer …</c> with a Microsoft Entra
/// token of the node's managed identity (scope <c>https://cognitiveservices.azure.com/.default</c>), or
/// <c>Ocp-Apim-Subscription-Key</c> with a resource key. The node supplies it; the library knows no credential types.
/// </summary>
public delegate ValueTask<(string Header, string Value)> AzureSpeechAuthorization(CancellationToken cancellationToken);
