namespace Voice.Sip.Tests.Parsing;

/// <summary>What RFC 4475 says a conforming UAS does with each torture message.</summary>
internal enum TortureOutcome
{
    /// <summary>Parses, round-trips, and the UAS core processes it.</summary>
    Accepted,

    /// <summary>Parses and round-trips; the UAS core answers with <c>Status</c>.</summary>
    AnsweredByUas,

    /// <summary>Invalid request: rejected at parse time with a response of <c>Status</c>.</summary>
    RejectedRequest,

    /// <summary>Invalid response: dropped.</summary>
    DroppedResponse,

    /// <summary>A valid response (no UAS processing).</summary>
    ValidResponse,
}

internal sealed record TortureExpectation(TortureOutcome Outcome, int Status = 0)
{
    public static readonly IReadOnlyDictionary<string, TortureExpectation> ByName = new Dictionary<string, TortureExpectation>
    {
        // 3.1.1 valid
        ["wsinv"] = new(TortureOutcome.Accepted),
        ["intmeth"] = new(TortureOutcome.AnsweredByUas, 405),
        ["esc01"] = new(TortureOutcome.Accepted),
        ["escnull"] = new(TortureOutcome.Accepted),
        ["esc02"] = new(TortureOutcome.AnsweredByUas, 405),
        ["lwsdisp"] = new(TortureOutcome.Accepted),
        ["longreq"] = new(TortureOutcome.Accepted),
        ["dblreq"] = new(TortureOutcome.Accepted),
        ["semiuri"] = new(TortureOutcome.Accepted),
        ["transports"] = new(TortureOutcome.Accepted),
        ["mpart01"] = new(TortureOutcome.AnsweredByUas, 415),
        ["unreason"] = new(TortureOutcome.ValidResponse),
        ["noreason"] = new(TortureOutcome.ValidResponse),

        // 3.1.2 invalid
        ["badinv01"] = new(TortureOutcome.RejectedRequest, 400),
        ["clerr"] = new(TortureOutcome.RejectedRequest, 400),
        ["ncl"] = new(TortureOutcome.RejectedRequest, 400),
        ["scalar02"] = new(TortureOutcome.RejectedRequest, 400),
        ["scalarlg"] = new(TortureOutcome.DroppedResponse),
        ["quotbal"] = new(TortureOutcome.RejectedRequest, 400),
        ["ltgtruri"] = new(TortureOutcome.RejectedRequest, 400),
        ["lwsruri"] = new(TortureOutcome.RejectedRequest, 400),
        ["lwsstart"] = new(TortureOutcome.RejectedRequest, 400),
        ["trws"] = new(TortureOutcome.RejectedRequest, 400),
        ["escruri"] = new(TortureOutcome.RejectedRequest, 400),
        ["baddate"] = new(TortureOutcome.RejectedRequest, 400),
        ["regbadct"] = new(TortureOutcome.RejectedRequest, 400),
        ["badaspec"] = new(TortureOutcome.RejectedRequest, 400),
        ["baddn"] = new(TortureOutcome.RejectedRequest, 400),
        ["badvers"] = new(TortureOutcome.RejectedRequest, 505),
        ["mismatch01"] = new(TortureOutcome.RejectedRequest, 400),
        ["mismatch02"] = new(TortureOutcome.RejectedRequest, 400),
        ["bigcode"] = new(TortureOutcome.DroppedResponse),

        // 3.2 transaction layer (matching is tested in the transaction tests)
        ["badbranch"] = new(TortureOutcome.Accepted),

        // 3.3 application layer
        ["insuf"] = new(TortureOutcome.AnsweredByUas, 400),
        ["unkscm"] = new(TortureOutcome.AnsweredByUas, 416),
        ["novelsc"] = new(TortureOutcome.AnsweredByUas, 416),
        ["unksm2"] = new(TortureOutcome.Accepted),
        ["bext01"] = new(TortureOutcome.AnsweredByUas, 420),
        ["invut"] = new(TortureOutcome.AnsweredByUas, 415),
        ["regaut01"] = new(TortureOutcome.AnsweredByUas, 401),
        ["multi01"] = new(TortureOutcome.AnsweredByUas, 400),
        ["mcl01"] = new(TortureOutcome.AnsweredByUas, 400),
        ["bcast"] = new(TortureOutcome.ValidResponse),
        ["zeromf"] = new(TortureOutcome.Accepted),
        ["cparam01"] = new(TortureOutcome.Accepted),
        ["cparam02"] = new(TortureOutcome.Accepted),
        ["regescrt"] = new(TortureOutcome.Accepted),
        ["sdp01"] = new(TortureOutcome.AnsweredByUas, 406),

        // 3.4 backward compatibility
        ["inv2543"] = new(TortureOutcome.Accepted),
    };
}
