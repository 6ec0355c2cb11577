namespace Voice.Testing.MachineDetection;

/// <summary>One answer of the answering-machine corpus: 8 kHz audio from the moment of answer, and its truth.</summary>
/// <param name="Name">Says what the clip is (voice, rate, text, noise).</param>
/// <param name="IsMachine">True for a voicemail greeting ending in a beep, false for a human's short answer.</param>
/// <param name="Samples">8 kHz 16-bit mono audio.</param>
/// <param name="SpeechEnd">Where the speech ends.</param>
/// <param name="BeepStart">Where the beep starts (machines only).</param>
/// <param name="BeepFrequency">The beep's frequency in Hz (machines only).</param>
public sealed record AmdCorpusClip(string Name, bool IsMachine, short[] Samples, TimeSpan SpeechEnd, TimeSpan? BeepStart, int BeepFrequency);
