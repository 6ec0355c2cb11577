using System.Text.Json;
using System.Text.RegularExpressions;

namespace Voice.Infra.Tests;

/// <summary>One resource of a compiled template, with the (module) template that declares it.</summary>
public sealed partial record ArmResource(ArmTemplate Template, JsonElement Element)
{
    public string Type => Element.Text("type");

    public JsonElement Properties => Element.At("properties");

    /// <summary>
    /// The role definition GUID of a role assignment, whether written as a literal or through a variable of the
    /// declaring template (<c>subscriptionResourceId('…/roleDefinitions', variables('x'))</c>).
    /// </summary>
    public string RoleDefinitionGuid
    {
        get
        {
            var expression = Properties.Text("roleDefinitionId");
            var variable = RoleVariable().Match(expression);
            if (variable.Success)
            {
                return Template.Variable(variable.Groups[1].Value).GetString()!;
            }

            var literal = RoleLiteral().Match(expression);
            return literal.Success ? literal.Groups[1].Value : throw new InvalidDataException("no role definition in " + expression);
        }
    }

    [GeneratedRegex(@"roleDefinitions', variables\('([^']+)'\)\)")]
    private static partial Regex RoleVariable();

    [GeneratedRegex(@"roleDefinitions', '([0-9a-f-]{36})'\)")]
    private static partial Regex RoleLiteral();
}
