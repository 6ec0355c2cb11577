using System.Text.Json;
using System.Text.RegularExpressions;

namespace Voice.Infra.Tests;

/// <summary>
/// A compiled ARM template (output of <c>bicep build</c>) with the templates of its modules, which ARM JSON
/// embeds as <c>Microsoft.Resources/deployments</c> resources. Handles both the classic resource array and the
/// symbolic-name resource object.
/// </summary>
public sealed partial class ArmTemplate
{
    public ArmTemplate(JsonElement root, string name = "main", JsonElement? deployment = null)
    {
        Root = root;
        Name = name;
        Deployment = deployment;
    }

    public JsonElement Root { get; }

    /// <summary>Deployment name of this module ("main" for the top-level template).</summary>
    public string Name { get; }

    /// <summary>The deployments resource that deploys this template (null for main).</summary>
    public JsonElement? Deployment { get; }

    /// <summary>Resources declared directly in this template (existing-resource declarations excluded).</summary>
    public IEnumerable<JsonElement> OwnResources
    {
        get
        {
            var resources = Root.At("resources");
            var all = resources.ValueKind == JsonValueKind.Object
                ? resources.EnumerateObject().Select(p => p.Value)
                : resources.EnumerateArray();
            return all.Where(r => !(r.TryGetProperty("existing", out var existing) && existing.ValueKind == JsonValueKind.True));
        }
    }

    /// <summary>Templates of the modules deployed by this template.</summary>
    public IEnumerable<ArmTemplate> Modules =>
        OwnResources
            .Where(r => r.Text("type") == "Microsoft.Resources/deployments")
            .Select(r => new ArmTemplate(r.At("properties", "template"), r.Text("name"), r));

    /// <summary>The module deployed under the given deployment name, directly by this template.</summary>
    public ArmTemplate Module(string name) =>
        Modules.SingleOrDefault(m => m.Name == name) ?? throw new KeyNotFoundException($"module '{name}' not deployed by {Name}");

    /// <summary>Every resource of the given type in this template and all nested modules.</summary>
    public IEnumerable<ArmResource> Resources(string type)
    {
        foreach (var resource in OwnResources.Where(r => string.Equals(r.Text("type"), type, StringComparison.OrdinalIgnoreCase)))
        {
            yield return new ArmResource(this, resource);
        }

        foreach (var module in Modules)
        {
            foreach (var resource in module.Resources(type))
            {
                yield return resource;
            }
        }
    }

    /// <summary>The single resource of the given type anywhere in the template tree.</summary>
    public ArmResource Sole(string type)
    {
        var found = Resources(type).ToList();
        return found.Count == 1 ? found[0] : throw new InvalidOperationException($"{found.Count} resources of type {type}, expected 1");
    }

    public JsonElement Variable(string name) => Root.At("variables", name);

    /// <summary>Default value of a parameter of this template.</summary>
    public JsonElement DefaultOf(string parameter) => Root.At("parameters", parameter, "defaultValue");

    /// <summary>The value (usually an expression) this module's deployment passes for one of its parameters.</summary>
    public string PassedValue(string parameter) => PassedElement(parameter).ToString();

    /// <summary>The JSON value this module's deployment passes for one of its parameters.</summary>
    public JsonElement PassedElement(string parameter) =>
        (Deployment ?? throw new InvalidOperationException("main has no caller")).At("properties", "parameters", parameter, "value");

    /// <summary>
    /// For a parameter this module receives from another module's output, "module.output"
    /// (e.g. "storage.blobEndpoint"); null when the value comes from anywhere else.
    /// </summary>
    public string? ModuleOutputPassedAs(string parameter)
    {
        var match = ModuleOutputReference().Match(PassedValue(parameter));
        return match.Success ? $"{match.Groups[1].Value}.{match.Groups[2].Value}" : null;
    }

    /// <summary>Resolves a string that is either a literal or exactly <c>[variables('x')]</c> in this template.</summary>
    public string ResolveString(string value)
    {
        var match = VariableReference().Match(value);
        return match.Success && match.Value == value ? Variable(match.Groups[1].Value).GetString()! : value;
    }

    [GeneratedRegex(@"^\[reference\(resourceId\('Microsoft\.Resources/deployments', '([^']+)'\), '[^']+'\)\.outputs\.(\w+)\.value\]$")]
    private static partial Regex ModuleOutputReference();

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    private static partial Regex VariableReference();
}
