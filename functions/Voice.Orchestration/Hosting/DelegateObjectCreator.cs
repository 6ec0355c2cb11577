using DurableTask.Core;

namespace Voice.Orchestration.Hosting;

/// <summary>Makes a new orchestration or activity object for every execution (the SDK's shims hold per-run state).</summary>
internal sealed class DelegateObjectCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> create;

    public DelegateObjectCreator(string name, Func<T> create)
    {
        Name = name;
        Version = string.Empty;
        this.create = create;
    }

    public override T Create() => create();
}
