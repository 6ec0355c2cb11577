namespace Voice.DevHost;

/// <summary>Finds the repository root (the folder holding Voice.Functions.sln) from the working directory or the binaries.</summary>
public static class RepositoryLocator
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Voice.Functions.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run DevHost from inside the repository (Voice.Functions.sln not found).");
    }
}
