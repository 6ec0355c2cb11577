using System.Text.Json;
using Voice.Core.Accounts;

namespace Voice.Core.CallFlow;

/// <summary>
/// Parses and validates an NCCO-style call-flow document (a JSON array of actions). Strict: unknown actions and
/// properties, missing or mistyped fields, out-of-range values, relative or non-http URLs, empty or oversized
/// documents all fail with a <see cref="CallFlowError"/> that names the offending JSON path. Never throws.
/// </summary>
public static class CallFlowParser
{
    /// <summary>Largest document accepted, in characters.</summary>
    public const int MaxDocumentLength = 64 * 1024;

    /// <summary>Most actions in one document.</summary>
    public const int MaxActions = 100;

    /// <summary>Longest <c>talk</c> text (as Vonage).</summary>
    public const int MaxTalkTextLength = 1500;

    private const int MaxDepth = 16;

    /// <summary>
    /// Parses a document for a call of <paramref name="dialect"/>: Telefon's extensions of NCCO (<c>enqueue</c>) are
    /// refused in a Vonage application's flows, which are NCCOs.
    /// </summary>
    public static Result<CallFlowDocument, CallFlowError> Parse(string? json, ApplicationDialect dialect = ApplicationDialect.Telefon)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Failure("/", "document is empty");
        }

        if (json.Length > MaxDocumentLength)
        {
            return Failure("/", $"document is larger than {MaxDocumentLength} characters");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            return Failure("/", $"not valid JSON: {ex.Message}");
        }

        using (document)
        {
            return Parse(document.RootElement, dialect);
        }
    }

    /// <summary>Validates an already parsed document (e.g. an inline <c>ncco</c> of an API request).</summary>
    public static Result<CallFlowDocument, CallFlowError> Parse(JsonElement root, ApplicationDialect dialect = ApplicationDialect.Telefon)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            return Failure("/", "must be a JSON array of actions");
        }

        var count = root.GetArrayLength();
        if (count == 0)
        {
            return Failure("/", "must hold at least one action");
        }

        if (count > MaxActions)
        {
            return Failure("/", $"must hold at most {MaxActions} actions (has {count})");
        }

        var actions = new List<CallFlowAction>(count);
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            var path = $"/{index}";
            if (item.ValueKind != JsonValueKind.Object)
            {
                return Failure(path, "must be an object with an \"action\"");
            }

            var reader = new ActionFieldReader(item, path);
            var action = ParseAction(reader, dialect);
            if (reader.Error is not null)
            {
                return reader.Error;
            }

            reader.RejectUnknownProperties();
            if (reader.Error is not null)
            {
                return reader.Error;
            }

            actions.Add(action!);
            index++;
        }

        return CheckBargeIn(actions) is { } bargeInError ? bargeInError : new CallFlowDocument(actions);
    }

    private static CallFlowAction? ParseAction(ActionFieldReader reader, ApplicationDialect dialect)
    {
        var name = reader.String("action", required: true, maxLength: 32);
        return name switch
        {
            null => null,
            "talk" => CallFlowActionReaders.Talk(reader),
            "stream" => CallFlowActionReaders.Stream(reader),
            "input" => CallFlowActionReaders.Input(reader),
            "record" => CallFlowActionReaders.Record(reader),
            "connect" => CallFlowActionReaders.Connect(reader),
            "conversation" => CallFlowActionReaders.Conversation(reader),
            "notify" => CallFlowActionReaders.Notify(reader),
            "enqueue" when dialect == ApplicationDialect.Vonage => NotNcco(reader, name),
            "enqueue" => EnqueueActionReader.Read(reader),
            "hangup" => new HangupAction(),
            "wait" => new WaitAction { TimeoutSeconds = reader.OptionalNumber("timeout", 0.1, 7200) ?? 10 },
            _ => Unknown(reader, name),
        };
    }

    private static CallFlowAction? Unknown(ActionFieldReader reader, string name)
    {
        reader.Fail("action", $"unknown action \"{name}\" (expected talk, stream, input, record, connect, conversation, notify, wait, enqueue or hangup)");
        return null;
    }

    private static CallFlowAction? NotNcco(ActionFieldReader reader, string name)
    {
        reader.Fail("action", $"\"{name}\" is a Telefon extension, not an NCCO action: a Vonage application's flow cannot use it");
        return null;
    }

    /// <summary>As in Vonage, a talk or stream with bargeIn must lead (through other talk/stream actions) to an input.</summary>
    private static CallFlowError? CheckBargeIn(List<CallFlowAction> actions)
    {
        for (var i = 0; i < actions.Count; i++)
        {
            if (!IsBargeInPrompt(actions[i]))
            {
                continue;
            }

            var next = i + 1;
            while (next < actions.Count && actions[next] is TalkAction or StreamAction)
            {
                next++;
            }

            if (next >= actions.Count || actions[next] is not InputAction)
            {
                return new CallFlowError($"/{i}/bargeIn", "a talk or stream with bargeIn must be followed by an input action (only talk and stream may come between)");
            }

            i = next;
        }

        return null;
    }

    internal static bool IsBargeInPrompt(CallFlowAction action) =>
        action is TalkAction { BargeIn: true } or StreamAction { BargeIn: true };

    private static Result<CallFlowDocument, CallFlowError> Failure(string path, string message) => new CallFlowError(path, message);
}
