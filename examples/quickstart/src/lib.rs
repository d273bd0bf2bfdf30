use hpy::exceptions::ZeroDivisionError;

#[hpy::module]
/// My first HPy module.
mod quickstart {
    use super::*;

    /// Greet someone.
    #[hpy::function(signature = (name, *, greeting = "Hello"))]
    fn greet(name: &str, greeting: &str) -> String {
        format!("{greeting}, {name}!")
    }

    /// Divide two numbers.
    #[hpy::function]
    fn divide(a: f64, b: f64) -> hpy::Result<f64> {
        if b == 0.0 {
            return Err(ZeroDivisionError::new_err("division by zero"));
        }
        Ok(a / b)
    }
}
