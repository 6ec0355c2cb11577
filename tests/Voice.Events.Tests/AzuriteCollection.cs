using Voice.Testing;

namespace Voice.Events.Tests;

/// <summary>One Azurite for every storage-backed test class; the classes run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
