namespace Voice.Testing;

/// <summary>Finds the repository checkout the tests run from.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Voice.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Voice.Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
