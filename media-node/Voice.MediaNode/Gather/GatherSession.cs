using System.Text;
using Voice.Media.Contracts;

namespace Voice.MediaNode.Gather;

/// <summary>
/// The digit-collection rules of one gather command, as a clock-free state machine: the call feeds it prompt
/// completion, digits and the current time, and reads <see cref="Outcome"/>. Rules: a digit while prompts play
/// interrupts them (barge-in); a terminator ends the gather (and is not collected); reaching
/// <c>max_digits</c> ends it; otherwise the first digit must come within <c>timeout</c> after the prompts and each
/// next digit within <c>inter_digit_timeout</c>. With speech input: speech starting interrupts the prompts too and holds
/// the timeout while it lasts; its result ends the gather (reason <c>speech</c>); a digit ends the listening instead
/// (the call stops its listener); a timeout without speech reports the speech input's start timeout.
/// </summary>
public sealed class GatherSession
{
    private readonly GatherCommand command;
    private readonly StringBuilder digits = new();

    public GatherSession(GatherCommand command)
    {
        this.command = command;
        IsPrompting = command.Prompts.Count > 0;
    }

    /// <summary>True while the prompts play (before the first digit or their end).</summary>
    public bool IsPrompting { get; private set; }

    /// <summary>When the gather times out if no digit comes; null while prompting or once ended.</summary>
    public DateTimeOffset? Deadline { get; private set; }

    /// <summary>Digits and reason once the gather ended; null while it runs.</summary>
    public GatherOutcome? Outcome { get; private set; }

    /// <summary>Starts the first-digit timer when there are no prompts.</summary>
    public void Start(DateTimeOffset now)
    {
        if (!IsPrompting && Outcome is null)
        {
            Deadline = now + Seconds(command.TimeoutSeconds);
        }
    }

    /// <summary>The prompts finished playing: the first-digit timer starts.</summary>
    public void PromptsFinished(DateTimeOffset now)
    {
        if (IsPrompting && Outcome is null)
        {
            IsPrompting = false;
            Deadline = now + Seconds(command.TimeoutSeconds);
        }
    }

    /// <summary>True while speech is being heard (the timeout is held).</summary>
    public bool HearingSpeech { get; private set; }

    /// <summary>True once a digit was taken (speech is no longer listened for).</summary>
    public bool HasDigits => digits.Length > 0;

    /// <summary>The VAD heard speech begin. Returns true when the prompts must stop (barge-in).</summary>
    public bool SpeechStarted()
    {
        if (Outcome is not null || command.Speech is null || HasDigits)
        {
            return false;
        }

        var bargeIn = IsPrompting;
        IsPrompting = false;
        HearingSpeech = true;
        Deadline = null;
        return bargeIn;
    }

    /// <summary>The speech input's result: the gather ends with it.</summary>
    public void SpeechEnded(SpeechInputResult result)
    {
        if (Outcome is null && command.Speech is not null && !HasDigits)
        {
            End(GatherOutcome.Spoken, result);
        }
    }

    /// <summary>Takes one digit (ignored when the gather is speech only). Returns true when the prompts must stop (barge-in).</summary>
    public bool Digit(char digit, DateTimeOffset now)
    {
        if (Outcome is not null || !command.Dtmf)
        {
            return false;
        }

        HearingSpeech = false;

        var bargeIn = IsPrompting;
        IsPrompting = false;
        if (command.Terminators.Contains(digit, StringComparison.Ordinal))
        {
            End(GatherOutcome.Terminator);
            return bargeIn;
        }

        digits.Append(digit);
        if (digits.Length >= Math.Max(1, command.MaxDigits))
        {
            End(GatherOutcome.MaxDigits);
        }
        else
        {
            Deadline = now + Seconds(command.InterDigitTimeoutSeconds);
        }

        return bargeIn;
    }

    /// <summary>Ends the gather with reason timeout when its deadline has passed.</summary>
    public void Tick(DateTimeOffset now)
    {
        if (Outcome is null && Deadline is { } deadline && now >= deadline)
        {
            End(GatherOutcome.Timeout, command.Speech is not null && !HasDigits ? new SpeechInputResult { EndReason = SpeechEndReasons.StartTimeout } : null);
        }
    }

    /// <summary>Ends the gather early (hangup, stop_media, a new gather) with what was collected so far.</summary>
    public void Stop(string reason)
    {
        if (Outcome is null)
        {
            End(reason);
        }
    }

    private void End(string reason, SpeechInputResult? speech = null)
    {
        Outcome = new GatherOutcome(digits.ToString(), reason) { Speech = speech };
        HearingSpeech = false;
        Deadline = null;
        IsPrompting = false;
    }

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(Math.Max(0, seconds));
}

/// <summary>How a gather ended: the digits collected and a reason of the media contract.</summary>
public sealed record GatherOutcome(string Digits, string Reason)
{
    public const string Spoken = "speech";
    public const string MaxDigits = "max_digits";
    public const string Terminator = "terminator";
    public const string Timeout = "timeout";
    public const string Hangup = "hangup";
    public const string Stopped = "stopped";

    /// <summary>The speech input's result, when the gather listened for speech and it ended by speech or timeout.</summary>
    public SpeechInputResult? Speech { get; init; }
}
