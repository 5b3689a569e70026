namespace ModelOps.Grains.Labels;

/// <summary>
/// What one label says about one prediction, reduced to what the mergeable counts need. Classes are indices of the
/// model's <see cref="ClassCatalog"/>; a score is kept as a float, as the join store keeps it, so a label that replaces
/// another takes back exactly what the first one added.
/// </summary>
public readonly record struct Judgement
{
    private Judgement(bool classification, int predicted, int actual, double prediction, double label, float score, bool positive)
    {
        Classification = classification;
        Predicted = predicted;
        Actual = actual;
        Prediction = prediction;
        Label = label;
        Score = score;
        Positive = positive;
    }

    public bool Classification { get; }

    /// <summary>The predicted class (classification).</summary>
    public int Predicted { get; }

    /// <summary>The labelled class (classification).</summary>
    public int Actual { get; }

    /// <summary>The predicted value (regression).</summary>
    public double Prediction { get; }

    /// <summary>The labelled value (regression).</summary>
    public double Label { get; }

    /// <summary>The event's score, NaN when it sent none.</summary>
    public float Score { get; }

    public bool HasScore => !float.IsNaN(Score);

    /// <summary>
    /// Whether the score's event belongs to the class the score is a probability of: for a binary model (one with a
    /// <c>positiveClass</c>) the label is the positive class; otherwise (the score is the probability of the predicted
    /// class) the prediction is right.
    /// </summary>
    public bool Positive { get; }

    /// <summary>True when the prediction equals the label; the pooled class of a full catalog matches nothing.</summary>
    public bool Correct => Classification && Predicted == Actual && Predicted != ClassCatalog.Other;

    /// <summary>
    /// A multi-class miss: its log loss spreads the score's complement evenly over the other classes, so it adds
    /// ln(classes − 1), known only when the metrics are read.
    /// </summary>
    public bool Spread => Classification && !Correct && !Binary;

    private bool Binary { get; init; }

    /// <param name="predicted">The predicted class index.</param>
    /// <param name="actual">The labelled class index.</param>
    /// <param name="score">The event's score, NaN for none.</param>
    /// <param name="positiveClass">The catalog index of the definition's <c>positiveClass</c>; negative for a multi-class model.</param>
    public static Judgement Classify(int predicted, int actual, float score, int positiveClass)
    {
        var binary = positiveClass >= 0;
        var correct = predicted == actual && predicted != ClassCatalog.Other;
        return new Judgement(true, predicted, actual, 0, 0, score, binary ? actual == positiveClass : correct) { Binary = binary };
    }

    public static Judgement Regress(double prediction, double label) => new(false, 0, 0, prediction, label, float.NaN, false);
}
