using EOffice.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace EOffice.EndToEnd.Tests;

/// <summary>The one platform every end-to-end test class shares: <c>[Collection(PlatformCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "platform";
}
