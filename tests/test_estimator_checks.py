"""scikit-learn's own conformance checks on OneHiddenLayerClassifier (parametrize_with_checks).

Every check of scikit-learn's suite (the legacy checks included) runs on a small instance
(``max_iter=200``: the checks fit many times on small data sets, and the ones that look at the
fitted model only need it to learn something). ``EXPECTED_FAILED`` lists the checks that do not
apply to this estimator, each with the reason; scikit-learn marks them xfail.
"""

from sklearn.utils.estimator_checks import parametrize_with_checks

from course_utils.network import OneHiddenLayerClassifier

# check name -> why it does not apply. (Empty: the estimator passes every check.)
EXPECTED_FAILED = {}


def _expected_failed(estimator):
    return EXPECTED_FAILED


@parametrize_with_checks([OneHiddenLayerClassifier(max_iter=200)], expected_failed_checks=_expected_failed)
def test_scikit_learn_check(estimator, check):
    check(estimator)
