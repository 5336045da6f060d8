"""The summary-notes corpus (tests/fixtures/notes/summaries): public course summaries and interview
questions as people write them, and exactly the cards and warnings they give."""

from __future__ import annotations

from tests.notes.helpers import FIXTURES, parse_folder


def test_course_summary():
    result = parse_folder(FIXTURES / "summaries")["course-summary.md"]
    assert [(c.syntax, c.line, c.front, c.back) for c in result.cards] == [
        ('colon list', 15, 'In orthogonalization, you have some controls, but each control does a specific task:',
         "- Fit training set well on cost function (near human level performance if possible).\n  - If it's not achieved you could try bigger network, another optimization algorithm (like Adam)...\n- Fit dev set well on cost function.\n- Fit test set well on cost function.\n- Performs well in real world."),
        ('colon list', 30, 'So we can solve that by choosing a single optimizing metric:',
         '- `F1 = 2 / ((1 / P) + (1 / R))`\n- It is the harmonic mean of precision and recall.'),
        ('question heading', 36, 'Why human-level performance?',
         'We compare to human-level performance because of two main reasons:\n\n- Because of advances in deep learning, machine learning algorithms are suddenly working much better.\n- The workflow of designing and building a machine learning system is much more efficient when you try to do something that humans can also do.'),
        ('colon list', 57, 'The avoidable bias is $\\text{train error} - \\text{Bayes error}$ and the variance is:',
         '- $\\text{dev error} - \\text{train error}$ <sup>[1]</sup>\n- see [the lecture](https://www.coursera.org/learn/machine-learning-projects)'),
        ('colon list', 65, 'Error analysis process:',
         '1. Get ~100 mislabeled dev set examples at random.\n2. Count up how many are dogs.'),
        ('question heading', 78, 'When does transfer learning make sense?',
         'Transfer learning makes sense when:\n\n- Task A and B have the same input X.\n- You have a lot more data for Task A than Task B.'),
        ('', 85, 'What is multi-task learning?',
         'One network learns several tasks at once, sharing its early layers.'),
    ]
    assert [(w.line, w.message) for w in result.warnings] == [(76, 'question heading with no answer — write the answer under it, before the next heading')]


def test_interview_questions():
    result = parse_folder(FIXTURES / "summaries")["interview-questions.md"]
    assert [(c.syntax, c.line, c.front, c.back) for c in result.cards] == [
        ('bold question', 7, 'What is supervised machine learning?',
         'Supervised learning is a type of machine learning in which our algorithms are trained using well-labeled training data.'),
        ('bold question', 15, 'What is regression? Which models can you use to solve a regression problem?',
         'Regression models investigate the relationship between a dependent and an independent variable.\nHere are some common regression models\n\n- *Linear Regression* establishes a linear relationship between target and predictor.\n- *Ridge Regression* uses L2 regularization.'),
        ('bold question', 25, 'What is linear regression? When do we use it?',
         'Linear regression assumes a linear relationship between the inputs (X) and the output (y).\n\n```\ny = B0 + B1*x1 + ... + Bn * xN\n```'),
        ('bold question', 39, 'How do we check if a variable follows the normal distribution?',
         '1. Plot a histogram out of the sampled data.\n2. Use a Q-Q plot.'),
        ('', 50, 'The […] splits the data into k parts.',
         'The k-fold cross-validation splits the data into k parts.'),
        ('bold question', 52, 'Why do we need to split our data into three parts: train, validation, and test?',
         'The training set is used to fit the model, the validation set to choose hyperparameters.'),
    ]
    assert [(w.line, w.message) for w in result.warnings] == [(35, 'bold question with no answer — write the answer after it')]
